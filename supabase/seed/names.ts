/**
 * Names for the demo world: deterministic ids and random streams, and people's names from many
 * cultures. Faker supplies names where it has a locale for the country; the lists below give the
 * Latin transliterations most people use on international platforms (and a few scripts Faker lacks).
 */
import { createHash } from 'node:crypto';
import { allLocales, Faker, type LocaleDefinition } from '@faker-js/faker';

// ─── Deterministic ids and random streams ────────────────────────────────────────────────────────

/** A UUID (version 5 layout) from a SHA-1 of the parts, e.g. uuidFor(seed, 'person', 42). */
export function uuidFor(...parts: (string | number)[]): string {
	const bytes = createHash('sha1').update(parts.join(':')).digest();
	bytes[6] = (bytes[6]! & 0x0f) | 0x50;
	bytes[8] = (bytes[8]! & 0x3f) | 0x80;
	const hex = bytes.subarray(0, 16).toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type Rng = () => number;

/** A uniform [0, 1) stream (mulberry32) seeded from the parts: one independent stream per thing. */
export function rngFor(...parts: (string | number)[]): Rng {
	let state = createHash('sha1').update(parts.join(':')).digest().readUInt32LE(0);
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
	return items[Math.floor(rng() * items.length)]!;
}

export function weightedPick<T>(rng: Rng, items: readonly T[], weight: (item: T) => number): T {
	const total = items.reduce((sum, item) => sum + weight(item), 0);
	let r = rng() * total;
	for (const item of items) {
		r -= weight(item);
		if (r < 0) return item;
	}
	return items[items.length - 1]!;
}

// ─── Hand-made lists ─────────────────────────────────────────────────────────────────────────────

type NameList = {
	female: string[];
	male: string[];
	family: string[];
	/** How people with these names usually write them in Latin letters. */
	order: 'given-first' | 'family-first' | 'either';
	/** Slavic family names take a feminine form (Ivanov → Ivanova). */
	slavic?: boolean;
};

const words = (text: string) => text.trim().split(/\s+/);

export const NAME_LISTS: Record<string, NameList> = {
	arabic: {
		female: words(
			'Amira Fatima Layla Nour Salma Yasmin Rania Hiba Mariam Dina Samar Lina Huda Reem'
		),
		male: words(
			'Ahmed Mohamed Omar Youssef Khaled Karim Tarek Hassan Ali Mahmoud Rami Samir Nabil'
		),
		family: words(`El-Sayed Haddad Mansour Khalil Farouk Nasser Abdallah Hamdi Saleh Bennani
			El-Amrani Trabelsi Ben_Ali Al-Khatib Darwish Othman Haddadi Belkacem Qasim Aziz`),
		order: 'given-first'
	},
	persian: {
		female: words(
			'Maryam Zahra Shirin Leila Nasrin Parisa Roya Sara Niloufar Fereshteh Azadeh Mina'
		),
		male: words(
			'Ali Reza Mohammad Hossein Mehdi Amir Babak Dariush Kamran Farhad Omid Saeed Arash'
		),
		family: words(`Hosseini Ahmadi Rezaei Moradi Karimi Jafari Rahimi Sadeghi Tehrani Shirazi
			Mousavi Hashemi Ebrahimi Najafi Kazemi Ghorbani Azizi Safavi Rostami Farahani`),
		order: 'given-first'
	},
	urdu: {
		female: words('Ayesha Fatima Sana Hina Mehwish Sadia Zainab Nida Amna Rabia Bushra Saima'),
		male: words('Muhammad Ahmed Bilal Usman Hamza Imran Faisal Asad Kashif Waqar Zeeshan Tariq'),
		family: words(`Khan Qureshi Malik Butt Chaudhry Siddiqui Sheikh Raza Hussain Abbasi Mirza
			Javed Baig Iqbal Rana Ansari Hashmi Akhtar Shah Bhatti`),
		order: 'given-first'
	},
	chinese: {
		female: words('Li Na Mei Xiu Ying Fang Jing Hui Yan Lan Ting Xue Yun Qian Xin'),
		male: words('Wei Jun Lei Hao Tao Ming Qiang Bo Jian Yong Chen Peng Zhiwei Haoran Yifan'),
		family: words(`Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin
			Gao Luo`),
		order: 'either'
	},
	japanese: {
		female: words('Yuki Haruka Aiko Sakura Emi Naomi Yui Mai Keiko Rina Ayaka Misaki'),
		male: words('Hiroshi Takeshi Kenji Daisuke Satoshi Yuto Haruto Kazuki Ryo Shota Takumi Kenta'),
		family: words(`Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato
			Yoshida Yamada Sasaki Matsumoto Inoue Kimura Hayashi Shimizu Mori Ikeda`),
		order: 'given-first'
	},
	korean: {
		female: words('Ji-woo Seo-yeon Min-ji Ha-eun Soo-jin Eun-ji Hye-jin Ji-hye Yoon-ah Da-eun'),
		male: words('Min-jun Seo-jun Ji-hoon Hyun-woo Dong-hyun Jae-won Sung-min Tae-yang Joon-ho'),
		family: words(
			'Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song'
		),
		order: 'either'
	},
	cyrillic: {
		female: words(
			'Anna Maria Elena Olga Natalia Irina Svetlana Tatiana Ekaterina Daria Yulia Alina'
		),
		male: words('Alexander Dmitry Sergey Andrey Ivan Mikhail Nikolai Pavel Artem Maxim Oleg Igor'),
		family: words(`Ivanov Smirnov Kuznetsov Popov Sokolov Lebedev Kozlov Novikov Morozov Volkov
			Orlov Pavlov Fedorov Belov Zaitsev Kovalenko Bondarenko Shevchenko Tkachuk Melnyk`),
		order: 'given-first',
		slavic: true
	},
	thai: {
		female: words('Siriporn Nattaya Kanokwan Pimchanok Supaporn Wanida Achara Rattana Chanida'),
		male: words('Somchai Anan Kittisak Niran Prasert Somsak Thanakorn Wichai Chaiwat Apichat'),
		family: words(`Saetang Srisuk Wongsawat Chaiyaporn Rattanakul Boonmee Suwannarat Kaewkla
			Phromma Thongdee Jaidee Sukprasert Charoenphon Intharasuk Phanphon Somboon`),
		order: 'given-first'
	},
	hindi: {
		female: words(`Priya Anjali Sunita Kavita Pooja Deepa Meera Nisha Shreya Ananya Lakshmi Divya
			Neha Aarti Swati`),
		male: words(`Rahul Amit Suresh Rajesh Vikram Arjun Sanjay Anil Ramesh Rohan Karthik Manoj
			Deepak Aditya Nikhil`),
		family: words(`Sharma Patel Gupta Singh Kumar Rao Iyer Nair Reddy Verma Joshi Mehta Menon
			Pillai Banerjee Mukherjee Kulkarni Desai Chatterjee Agarwal`),
		order: 'given-first'
	},
	bengali: {
		female: words(`Farzana Nusrat Tahmina Sabina Rumana Sharmin Nasrin Sumaiya Tania Moushumi
			Shirin Rokeya`),
		male: words(`Tanvir Rafiq Arif Sujan Mahmud Kamrul Rashed Sakib Imran Zahid Shafiq Mizanur`),
		family: words(`Rahman Hossain Chowdhury Ahmed Islam Sarker Khan Miah Talukder Bhuiyan Alam
			Haque Uddin Karim Siddique Majumder Das Roy Saha Barua`),
		order: 'given-first'
	},
	nepali: {
		female: words(`Sita Rina Sarita Anita Kabita Sunita Gita Puja Asmita Sabina Srijana Pratima`),
		male: words(`Bikash Prakash Sujan Ramesh Suman Bishnu Dipendra Rajendra Sagar Anish Krishna
			Nabin`),
		family: words(`Shrestha Thapa Gurung Adhikari Karki Tamang Rai Magar Poudel Sharma Bhattarai
			Khadka Koirala Maharjan Limbu Basnet Ghimire Pandey Dahal Joshi`),
		order: 'given-first'
	},
	sinhala: {
		female: words('Nimali Dilini Chamari Sanduni Ishara Kumari Tharushi Nadeesha'),
		male: words('Nimal Kasun Chaminda Ruwan Tharindu Lahiru Sanjeewa Dinesh'),
		family: words(`Perera Fernando Silva Jayasinghe Wickramasinghe Bandara Rajapaksa Dissanayake
			Gunawardena Ranasinghe`),
		order: 'given-first'
	},
	hebrew: {
		female: words('Noa Tamar Maya Yael Shira Michal Rotem Adi'),
		male: words('Yossi Avi Daniel Itai Omer Eitan Amit Noam'),
		family: words('Cohen Levi Mizrahi Peretz Biton Friedman Katz Azoulay Shapiro Ben-David'),
		order: 'given-first'
	},
	greek: {
		female: words('Maria Eleni Katerina Georgia Sofia Dimitra Anna Christina'),
		male: words('Giorgos Dimitris Nikos Kostas Yannis Andreas Christos Panagiotis'),
		family: words(`Papadopoulos Georgiou Nikolaou Konstantinou Christodoulou Ioannou Pappas
			Antoniou Michael Vasileiou`),
		order: 'given-first'
	},
	bengaliScript: {
		female: words('ফারজানা নুসরাত তাহমিনা সাবিনা রুমানা শারমিন নাসরিন সুমাইয়া তানিয়া মৌসুমী'),
		male: words('তানভীর রফিক আরিফ সুজন মাহমুদ কামরুল রাশেদ সাকিব ইমরান জাহিদ'),
		family: words('রহমান হোসেন চৌধুরী আহমেদ ইসলাম সরকার খান মিয়া তালুকদার ভূঁইয়া'),
		order: 'given-first'
	},
	armenian: {
		female: words('Anahit Lilit Mariam Ani Narine Armine Gayane Tatevik Siranush Hasmik'),
		male: words('Aram Armen Davit Tigran Gevorg Hayk Karen Levon Vahe Sargis Narek'),
		family: words(`Grigoryan Harutyunyan Sargsyan Petrosyan Hovhannisyan Avetisyan Karapetyan
			Manukyan Vardanyan Mkrtchyan Ghazaryan Hakobyan`),
		order: 'given-first'
	},
	georgian: {
		female: words('Nino Tamar Mariam Ana Eka Salome Natia Ketevan Maia Tinatin Khatia'),
		male: words('Giorgi Levan Davit Irakli Nikoloz Zurab Lasha Sandro Luka Tornike Beka'),
		family: words(`Beridze Kapanadze Gelashvili Maisuradze Giorgadze Lomidze Tsiklauri Bolkvadze
			Kvaratskhelia Nozadze Abashidze Japaridze`),
		order: 'given-first'
	},
	mongolian: {
		female: words('Enkhtuya Oyunchimeg Solongo Narantsetseg Bolormaa Altantsetseg Khulan Saruul'),
		male: words('Bat-Erdene Ganbaatar Temuulen Erdenebat Batbayar Munkhbat Tserendorj Bilguun'),
		family: words('Batsukh Gantulga Dorj Purev Sukhbaatar Enkhbold Tumur Baatar Zorig Luvsan'),
		order: 'given-first'
	},
	eastAfrican: {
		female: words(`Wanjiru Akinyi Njeri Achieng Wambui Nafula Zawadi Neema Amani Rehema Aisha
			Nakato Namubiru Uwase Mukamana Ingabire`),
		male: words(`Otieno Kamau Mwangi Ochieng Kiprop Baraka Juma Hamisi Musa Tumaini Okello
			Mugisha Ssempala Habimana Niyonzima Nkurunziza`),
		family: words(`Kamau Otieno Mwangi Odhiambo Njoroge Wekesa Kiptoo Mutua Onyango Mwakilema
			Massawe Mollel Okello Nsubuga Kato Mugabe Uwimana Ndayisaba`),
		order: 'given-first'
	},
	ethiopian: {
		female: words('Tigist Meron Hiwot Selam Bethlehem Mahlet Rahel Helen Saba Eden'),
		male: words('Abebe Dawit Yonas Samuel Tesfaye Bereket Henok Elias Mulugeta Biniam'),
		family: words('Bekele Tesfaye Haile Girma Alemu Tadesse Mekonnen Getachew Desta Wolde Kebede'),
		order: 'given-first'
	},
	pacific: {
		female: words(`Leilani Mele Sina Ana Lupe Salote Losana Vika Ofa Teuila Moana Kalesi Mereani
			Tupe`),
		male: words(`Sione Tevita Semisi Viliami Iosefa Filipo Tui Manu Pita Ratu Jone Malakai Ioane
			Tavita`),
		family: words(`Tupou Fonua Taufa Havili Lealaiauloto Tuilagi Fa'asavalu Tamapua Vunipola
			Waqa Tuivaga Ravuvu Naivalu Kaitu'u Sopoaga Tafuna Leota Aumua Kalsakau Mata'afa`),
		order: 'given-first'
	},
	filipino: {
		female: words('Maria Angelica Kristine Joy Camille Patricia Rowena Maricel Divina Liza'),
		male: words('Jose Mark Paolo Rodel Jericho Ramon Carlo Miguel Renato Jun'),
		family: words(`Santos Reyes Cruz Bautista Garcia Mendoza Dela_Cruz Villanueva Aquino Ramos
			Castillo Navarro Soriano Manalo`),
		order: 'given-first'
	}
};

// ─── Names by country ────────────────────────────────────────────────────────────────────────────

/**
 * Where a country's names come from: each source is a Faker locale (e.g. 'yo_NG') or a key of
 * NAME_LISTS. `native` (a non-Latin script) is used for about a third of people.
 */
export type NameSpec = { latin: string[]; native?: string };

export type PersonName = {
	given: string;
	family: string;
	display: string;
	script: 'latin' | 'native';
	sex: 'female' | 'male';
};

export const NATIVE_SHARE = 1 / 3;

const FAMILY_FIRST_LOCALES = new Set(['zh_CN', 'zh_TW', 'ja', 'ko', 'vi', 'hu']);
const fakers = new Map<string, Faker>();

function fakerFor(locale: string): Faker {
	let faker = fakers.get(locale);
	if (!faker) {
		const definition = (allLocales as Record<string, LocaleDefinition>)[locale];
		if (!definition) throw new Error(`No Faker locale ${locale}`);
		faker = new Faker({ locale: [definition, allLocales.en, allLocales.base] });
		fakers.set(locale, faker);
	}
	return faker;
}

/** A person's name for a country's name spec; the same rng state always gives the same name. */
export function personName(spec: NameSpec, rng: Rng): PersonName {
	const sex = rng() < 0.5 ? 'female' : 'male';
	const native = spec.native !== undefined && rng() < NATIVE_SHARE;
	const source = native ? spec.native! : pick(rng, spec.latin);
	const list = NAME_LISTS[source];
	const script = native ? 'native' : 'latin';
	if (list) return fromList(list, sex, rng, script);

	const faker = fakerFor(source);
	faker.seed(Math.floor(rng() * 2 ** 32));
	const given = faker.person.firstName(sex);
	const family = faker.person.lastName(sex);
	// East Asian names in their own script are written family name first, without a space.
	const cjk = native && ['zh_CN', 'zh_TW', 'ja', 'ko'].includes(source);
	const display = FAMILY_FIRST_LOCALES.has(source)
		? cjk
			? `${family}${given}`
			: `${family} ${given}`
		: `${given} ${family}`;
	return { given, family, display, script, sex };
}

function fromList(
	list: NameList,
	sex: 'female' | 'male',
	rng: Rng,
	script: 'latin' | 'native'
): PersonName {
	const given = pick(rng, list[sex]);
	// Lists write a space inside a name as '_' (Ben_Ali) so they can be split on spaces.
	let family = pick(rng, list.family).replaceAll('_', ' ');
	if (list.slavic && sex === 'female') family = feminine(family);
	const familyFirst = list.order === 'family-first' || (list.order === 'either' && rng() < 0.5);
	const display = familyFirst ? `${family} ${given}` : `${given} ${family}`;
	return { given, family, display, script, sex };
}

/** Ivanov → Ivanova, Orlovsky → Orlovskaya, Fedorin → Fedorina; -enko, -uk, -yk stay as they are. */
export function feminine(family: string): string {
	if (/(ov|ev|in)$/.test(family)) return `${family}a`;
	if (/sky$/.test(family)) return family.replace(/sky$/, 'skaya');
	return family;
}

/** The ASCII part of an e-mail address for a name ('member' when the name has no Latin letters). */
export function emailLocalPart(display: string): string {
	const ascii = display
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '.')
		.replace(/^\.+|\.+$/g, '')
		.slice(0, 40)
		.replace(/\.+$/, '');
	return ascii.length >= 3 ? ascii : 'member';
}
