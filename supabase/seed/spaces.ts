/**
 * The demo world's discussion spaces: every programme's space (made with the programme), topic
 * spaces, regional spaces and working groups (one private, one still proposed), with threads in
 * several languages — a request for comments on a national data-protection bill, a call for NRI
 * co-organisers, a private working group's planning, cohort chatter — and generated conversations
 * to fill them (500 threads and about 5,000 posts for 2,000 people; more with --size).
 *
 * Written in bulk with the triggers off (the service, as the database owner): the counters, read
 * state and live signals that the triggers keep are set once at the end, and no broadcast is sent
 * for the demo's history. Ids derive from the seed, so loading again adds nothing.
 */
import type { TransactionSql } from 'postgres';
import { pick, rngFor, uuidFor, type Rng } from './names.ts';

type SpaceSpec = {
	key: string;
	slug: string;
	kind: 'topic' | 'region' | 'working_group';
	name: string;
	description: string;
	language: string;
	visibility?: 'public' | 'members' | 'private';
	status?: 'open' | 'proposed';
	topic?: string;
	region?: string;
	/** For regional spaces: the languages its threads are written in. */
	languages?: string[];
};

const SPACES: SpaceSpec[] = [
	{
		key: 'data-protection',
		slug: 'data-protection',
		kind: 'topic',
		name: 'Data protection and privacy',
		description:
			'National data-protection laws, regulators, cross-border transfers and what civil society can do about them. Drafts for comment are welcome.',
		language: 'en',
		visibility: 'public',
		topic: 'privacy-and-data-protection'
	},
	{
		key: 'cybersecurity-capacity',
		slug: 'cybersecurity-capacity',
		kind: 'topic',
		name: 'Cybersecurity capacity building',
		description:
			'CERTs, national strategies, cyber norms and the training that makes them work in practice.',
		language: 'en',
		visibility: 'public',
		topic: 'cybersecurity'
	},
	{
		key: 'meaningful-access',
		slug: 'meaningful-access',
		kind: 'topic',
		name: 'Meaningful access and community networks',
		description:
			'Affordable connectivity, community networks, spectrum for small operators and universal service funds.',
		language: 'en',
		visibility: 'public',
		topic: 'internet-access'
	},
	{
		key: 'ai-governance',
		slug: 'ai-governance',
		kind: 'topic',
		name: 'AI governance',
		description:
			'Regulating AI at home and in global fora, and what it means for the Global South.',
		language: 'en',
		visibility: 'members',
		topic: 'development'
	},
	{
		key: 'dns',
		slug: 'dns-and-names',
		kind: 'topic',
		name: 'DNS, names and numbers',
		description: 'ccTLD policy, ICANN participation, IPv6 deployment and routing security.',
		language: 'en',
		visibility: 'public',
		topic: 'domain-name-system'
	},
	{
		key: 'digital-trade',
		slug: 'digital-trade',
		kind: 'topic',
		name: 'Digital trade and the economy',
		description: 'E-commerce negotiations, data flows in trade agreements, digital taxes.',
		language: 'en',
		visibility: 'members',
		topic: 'economic'
	},
	{
		key: 'human-rights-online',
		slug: 'droits-humains-en-ligne',
		kind: 'topic',
		name: 'Droits humains en ligne',
		description:
			'Liberté d’expression, coupures d’Internet, surveillance : échanges en français entre praticiens.',
		language: 'fr',
		visibility: 'public',
		topic: 'human-rights'
	},
	{
		key: 'africa',
		slug: 'africa',
		kind: 'region',
		name: 'Africa',
		description:
			'Alumni across Africa preparing national and regional IGFs, the African School on Internet Governance and AfIGF.',
		language: 'en',
		visibility: 'public',
		region: '002',
		languages: ['en', 'fr', 'en', 'fr', 'pt']
	},
	{
		key: 'lac',
		slug: 'america-latina-caribe',
		kind: 'region',
		name: 'América Latina y el Caribe',
		description:
			'Exalumnos de la región: LACIGF, iniciativas nacionales y escuelas de gobernanza de Internet.',
		language: 'es',
		visibility: 'public',
		region: '419',
		languages: ['es', 'es', 'pt', 'en']
	},
	{
		key: 'asia',
		slug: 'asia-pacific',
		kind: 'region',
		name: 'Asia and the Pacific',
		description: 'APrIGF, national IGFs and schools across Asia and the Pacific islands.',
		language: 'en',
		visibility: 'public',
		region: '142',
		languages: ['en', 'en', 'zh', 'en']
	},
	{
		key: 'pacific',
		slug: 'pacific-islands',
		kind: 'region',
		name: 'Pacific Islands',
		description: 'Connectivity, cables and policy for the Pacific: PacIGF and the island NRIs.',
		language: 'en',
		visibility: 'members',
		region: '009',
		languages: ['en']
	},
	{
		key: 'eeca',
		slug: 'vostochnaya-evropa',
		kind: 'region',
		name: 'Восточная Европа и Центральная Азия',
		description: 'Выпускники школ региона: EuroDIG, национальные форумы, обмен опытом.',
		language: 'ru',
		visibility: 'public',
		region: '151',
		languages: ['ru', 'ru', 'en']
	},
	{
		key: 'arab',
		slug: 'arab-region',
		kind: 'region',
		name: 'المنطقة العربية',
		description: 'خريجو المنطقة العربية: منتدى حوكمة الإنترنت العربي والمبادرات الوطنية.',
		language: 'ar',
		visibility: 'public',
		region: '145',
		languages: ['ar', 'ar', 'en', 'fr']
	},
	{
		key: 'nri-coorganisers',
		slug: 'nri-coorganisers',
		kind: 'working_group',
		name: 'NRI co-organisers',
		description:
			'Coordinators of National and Regional IGF Initiatives planning together: calendars, speakers, funding. Private to its members.',
		language: 'en',
		visibility: 'private'
	},
	{
		key: 'youth-igf',
		slug: 'youth-igf-coordinators',
		kind: 'working_group',
		name: 'Youth IGF coordinators',
		description: 'Youth IGF organisers share agendas, mentors and travel support tips.',
		language: 'en',
		visibility: 'members'
	},
	{
		key: 'gender-ig-education',
		slug: 'gender-in-ig-education',
		kind: 'working_group',
		name: 'Gender in Internet governance education',
		description:
			'Trainers working on gender balance among speakers, fellows and faculty, and on curricula.',
		language: 'en',
		visibility: 'public'
	},
	{
		key: 'environment',
		slug: 'internet-and-environment',
		kind: 'working_group',
		name: 'Internet and the environment',
		description: 'A proposed group on e-waste, data centres and climate in IG curricula.',
		language: 'en',
		visibility: 'public',
		status: 'proposed'
	}
];

type Featured = {
	key: string;
	space: string;
	title: string;
	language: string;
	/** Days ago the thread started. */
	daysAgo: number;
	/** Who writes each post: an email of a demo account, or null for someone of the space. */
	posts: { by?: string; text: string; replyTo?: number }[];
	pinned?: boolean;
	locked?: boolean;
};

/** Threads written out, for the journeys people try first. */
const FEATURED: Featured[] = [
	{
		key: 'dp-bill-rfc',
		space: 'data-protection',
		title:
			'Request for comments: the draft national data protection bill (deadline in three weeks)',
		language: 'en',
		daysAgo: 6,
		pinned: true,
		posts: [
			{
				by: 'amina@example.org',
				text: 'Our ministry published the draft data protection bill for public consultation. Comments are due in three weeks. I have gathered the main points below; I would value views from anyone who went through a similar consultation.\n\n1. **Article 12** lets the regulator exempt "public interest" processing without saying who decides.\n2. The regulator sits inside the ministry, not apart from it.\n3. Cross-border transfers need a ministerial decision for each country.\n\nWhat did your countries do about an independent regulator?'
			},
			{
				text: 'In Kenya the independence question came up in the same way. What helped was showing how the African Union’s Malabo Convention and the ECOWAS supplementary act both expect an independent authority. Quote them in your submission.'
			},
			{
				by: 'tomas@example.org',
				text: 'On transfers: a list of "adequate" countries decided one by one tends to stall. Several Latin American laws use standard contractual clauses instead; Chile’s new law is a good recent example. Happy to share our clinic’s comparative table; our other work is on [my profile](/people/tomas-herrera).',
				replyTo: 1
			},
			{
				by: 'amina@example.org',
				text: 'Thank you both. Tomás, the table would help a lot. I will draft a joint submission this weekend and post the link here for anyone who wants to sign.',
				replyTo: 3
			},
			{
				text: '> Article 12 lets the regulator exempt "public interest" processing\n\nThis is the part I would push hardest on. Ask for a closed list of purposes and a duty to publish every exemption.'
			},
			{
				by: 'kwame@example.org',
				text: 'From the government side: ministries often accept changes that come with ready wording. If the submission proposes the exact text for Article 12, it is much easier to take up.'
			}
		]
	},
	{
		key: 'nri-call',
		space: 'africa',
		title: 'Call for co-organisers: West Africa IGF 2027 workshop on community networks',
		language: 'en',
		daysAgo: 3,
		posts: [
			{
				by: 'kwame@example.org',
				text: 'The West Africa IGF opens its call for workshops next month. We would like to propose a session on community networks with speakers from at least three countries and both onsite and online participation. Who would co-organise? We need a moderator onsite in Accra and two more speakers, ideally from the private sector. Alumni of the [Baobab School](/programmes/baobab-school-internet-governance) would be ideal.'
			},
			{
				by: 'amina@example.org',
				text: 'Count me in from Dakar. Our network in Casamance would make a good case study, and I can be a speaker online if travel funding does not come through.'
			},
			{
				text: 'I coordinate the Liberia chapter of the Internet Society and could bring a speaker from a local operator. Is there a deadline for speaker confirmations?'
			},
			{
				by: 'kwame@example.org',
				text: 'Speakers should confirm by the end of the month. I will share a draft session description in this thread by Friday.',
				replyTo: 3
			}
		]
	},
	{
		key: 'nri-wg-calendar',
		space: 'nri-coorganisers',
		title: 'Shared calendar of 2027 national IGFs: avoid clashing dates',
		language: 'en',
		daysAgo: 12,
		posts: [
			{
				by: 'priya@example.org',
				text: 'Last year three national IGFs in South Asia fell in the same week and shared speakers had to choose. Please add your tentative dates below so we can spread them out before we announce anything publicly.'
			},
			{ text: 'Nepal IGF: tentatively the last week of August, Kathmandu.' },
			{ text: 'Bangladesh IGF: October, dates to be confirmed with the ministry.' },
			{
				by: 'priya@example.org',
				text: 'Thanks. I will keep a table in the first post. Reminder: this group is private, so please do not share dates outside it until each NRI has announced.'
			}
		]
	},
	{
		key: 'monsoon-cohort',
		space: 'monsoon-2025',
		title: 'Class of 2025: where are we now?',
		language: 'en',
		daysAgo: 20,
		posts: [
			{
				by: 'priya@example.org',
				text: 'It has been a year since the 2025 edition. Tell us what you are working on, and whether you would mentor someone in the next cohort.'
			},
			{
				text: 'I moved to the telecom regulator and now work on the spectrum roadmap. Happy to mentor.'
			},
			{
				text: 'Still at the university, now teaching a short course on IG for law students. Yes to mentoring!'
			}
		]
	},
	{
		key: 'lac-lacigf',
		space: 'lac',
		title: '¿Quién va al LACIGF? Coordinemos una sesión de exalumnos',
		language: 'es',
		daysAgo: 9,
		posts: [
			{
				by: 'tomas@example.org',
				text: 'El próximo LACIGF abre su convocatoria pronto. Propongo una sesión sobre cómo las escuelas de gobernanza de Internet forman a funcionarios públicos. ¿Quién se suma?'
			},
			{ text: 'Me sumo desde Bogotá. Podemos hablar de la experiencia de la escuela colombiana.' },
			{
				text: 'Desde São Paulo também topo. Podemos fazer a sessão bilíngue?',
				replyTo: 1
			}
		]
	},
	{
		key: 'arab-ai',
		space: 'arab',
		title: 'تنظيم الذكاء الاصطناعي في المنطقة العربية: ما الذي تعلمناه هذا العام؟',
		language: 'ar',
		daysAgo: 15,
		posts: [
			{
				text: 'أصدرت عدة دول عربية استراتيجيات وطنية للذكاء الاصطناعي هذا العام. ما الذي لاحظتموه بشأن مشاركة المجتمع المدني في إعدادها؟'
			},
			{
				text: 'في تونس كانت المشاورات قصيرة جدًا. نحتاج إلى مواعيد أطول وإلى نشر المسودات باللغة العربية.'
			},
			{ text: 'أقترح أن نعدّ جلسة مشتركة في المنتدى العربي لحوكمة الإنترنت حول هذا الموضوع.' }
		]
	},
	{
		key: 'fr-coupures',
		space: 'human-rights-online',
		title: 'Coupures d’Internet pendant les examens : documenter et répondre',
		language: 'fr',
		daysAgo: 4,
		posts: [
			{
				text: 'Plusieurs pays coupent encore l’accès pendant les examens nationaux. Qui a des données fiables sur l’impact économique ? Nous préparons une note pour notre forum national.'
			},
			{
				text: 'Les mesures de NetBlocks et de l’OONI sont un bon point de départ ; je peux partager notre méthode.'
			},
			{
				text: 'Au Sénégal, une coalition a obtenu un engagement écrit du ministère l’an dernier. Je vous mets en contact.'
			}
		]
	},
	{
		key: 'ru-eurodig',
		space: 'eeca',
		title: 'EuroDIG 2027: готовим совместную заявку выпускников',
		language: 'ru',
		daysAgo: 11,
		posts: [
			{
				text: 'Коллеги, приём заявок на EuroDIG откроется в январе. Предлагаю подготовить общую сессию о кибербезопасности в малых странах.'
			},
			{ text: 'Поддерживаю. Могу выступить модератором онлайн.' }
		]
	},
	{
		key: 'zh-ipv6',
		space: 'asia',
		title: 'IPv6 部署经验交流：运营商和高校',
		language: 'zh',
		daysAgo: 8,
		posts: [
			{ text: '我们学校今年完成了校园网 IPv6 改造。想听听大家在运营商那边遇到的困难。' },
			{ text: '最大的问题是家用路由器不支持，需要和厂商一起推动。' }
		]
	}
];

/** Generated conversations: titles and replies per language, with a topic word put in. */
const TITLES: Record<string, string[]> = {
	en: [
		'How does your country handle {topic}?',
		'Resources for teaching {topic} to newcomers',
		'Looking for speakers on {topic} for our national IGF',
		'What changed in {topic} this year?',
		'Reading group: the latest report on {topic}',
		'Case study wanted: {topic} in small island states',
		'Draft policy brief on {topic}: feedback welcome',
		'Who is working on {topic} in the region?',
		'Questions from our cohort about {topic}',
		'A mentor for a project on {topic}?'
	],
	fr: [
		'Comment votre pays aborde-t-il {topic} ?',
		'Ressources pour enseigner {topic}',
		'Nous cherchons des intervenants sur {topic}',
		'Qu’est-ce qui a changé cette année pour {topic} ?'
	],
	es: [
		'¿Cómo aborda tu país {topic}?',
		'Recursos para enseñar {topic}',
		'Buscamos ponentes sobre {topic} para nuestro foro nacional',
		'¿Qué cambió este año en {topic}?'
	],
	pt: [
		'Como o seu país trata {topic}?',
		'Materiais para ensinar {topic}',
		'Procuramos palestrantes sobre {topic}'
	],
	ar: ['كيف تتعامل بلادكم مع {topic}؟', 'مصادر لتدريس {topic}', 'نبحث عن متحدثين حول {topic}'],
	ru: [
		'Как в вашей стране решают вопрос: {topic}?',
		'Материалы для обучения: {topic}',
		'Ищем спикеров: {topic}'
	],
	zh: ['你们国家如何处理{topic}？', '关于{topic}的教学资料', '为国家论坛寻找{topic}方面的发言人']
};

const TOPIC_WORDS: Record<string, string[]> = {
	en: [
		'data protection',
		'cybersecurity',
		'community networks',
		'AI regulation',
		'IPv6',
		'digital trade',
		'content moderation',
		'digital identity',
		'e-waste',
		'multistakeholder consultations'
	],
	fr: [
		'la protection des données',
		'la cybersécurité',
		'les réseaux communautaires',
		'la régulation de l’IA'
	],
	es: [
		'la protección de datos',
		'la ciberseguridad',
		'las redes comunitarias',
		'la regulación de la IA'
	],
	pt: ['a proteção de dados', 'a cibersegurança', 'as redes comunitárias'],
	ar: ['حماية البيانات', 'الأمن السيبراني', 'الشبكات المجتمعية'],
	ru: ['защита данных', 'кибербезопасность', 'регулирование ИИ'],
	zh: ['数据保护', '网络安全', '人工智能监管']
};

const SENTENCES: Record<string, string[]> = {
	en: [
		'We had the same discussion in our cohort last year.',
		'Our regulator published guidance on this in the spring; I can share the link.',
		'I would start from the IGF best practice forum outputs, they are a good overview.',
		'In my experience the hardest part is getting the ministry to the table early.',
		'Thanks for starting this, it is exactly what our working group needs.',
		'Could you say more about how you involved the private sector?',
		'We ran a workshop on this at our national IGF and the recording is online.',
		'I agree, and I would add that translation into local languages matters a lot.',
		'Our school uses a role-play exercise for this; students love it.',
		'Let us compare notes on a call next week?',
		'The consultation closed, but the regulator still accepts written input.',
		'One lesson from our side: publish the drafts early and in plain language.',
		'I can introduce you to the person who led this at the regional level.',
		'That matches what we saw in the survey of our alumni.',
		'Happy to review the draft if you share it here.'
	],
	fr: [
		'Nous avons eu le même débat dans notre promotion.',
		'Je peux partager le guide publié par notre régulateur.',
		'Merci d’avoir lancé cette discussion.',
		'La traduction en langues locales compte beaucoup.',
		'Organisons un appel la semaine prochaine pour comparer nos notes.'
	],
	es: [
		'Tuvimos la misma discusión en nuestra cohorte.',
		'Puedo compartir la guía que publicó nuestro regulador.',
		'Gracias por abrir este hilo.',
		'La traducción a lenguas locales importa mucho.',
		'¿Hacemos una llamada la próxima semana para comparar notas?'
	],
	pt: [
		'Tivemos a mesma discussão na nossa turma.',
		'Posso compartilhar o guia do nosso regulador.',
		'Obrigada por começar esta conversa.'
	],
	ar: [
		'ناقشنا الموضوع نفسه في دفعتنا.',
		'يمكنني مشاركة الدليل الذي نشرته الهيئة المنظمة.',
		'شكرًا على فتح هذا النقاش.'
	],
	ru: [
		'У нас в наборе было такое же обсуждение.',
		'Могу поделиться руководством нашего регулятора.',
		'Спасибо, что начали это обсуждение.'
	],
	zh: ['我们班去年也讨论过同样的问题。', '我可以分享监管机构发布的指南。', '谢谢你发起这个讨论。']
};

/** Threads for `size` people: 500 for the default 2,000, in proportion beyond. */
export const threadsFor = (size: number) => Math.max(40, Math.round((500 * size) / 2000));

type Candidate = { id: string };
type SpaceRow = {
	id: string;
	key: string;
	language: string;
	languages: string[];
	people: string[];
};

export async function insertSpaces(
	tx: TransactionSql,
	seed: number,
	size: number
): Promise<number> {
	const already = await tx`select 1 from public.threads limit 1`;
	if (already.length) return 0;
	const spaces = await createSpaces(tx, seed);
	const demo = await demoIds(tx);
	// Bulk writes: the counters and read state are set below, and no live signal is sent. The
	// database owner may switch its tables' triggers off, here and on a Supabase project alike.
	const triggers = (on: boolean) =>
		tx.unsafe(
			['threads', 'posts', 'space_members']
				.map((t) => `alter table public.${t} ${on ? 'enable' : 'disable'} trigger user`)
				.join('; ')
		);
	await triggers(false);
	const rows = buildThreads(seed, size, spaces, demo);
	for (let i = 0; i < rows.threads.length; i += 2000) {
		await tx`insert into public.threads ${tx(rows.threads.slice(i, i + 2000))} on conflict do nothing`;
	}
	for (let i = 0; i < rows.posts.length; i += 5000) {
		await tx`insert into public.posts ${tx(rows.posts.slice(i, i + 5000))} on conflict do nothing`;
	}
	const members = [...rows.members.values()].map((key) => {
		const [space_id, profile_id] = key.split('|');
		return { space_id: space_id!, profile_id: profile_id!, role: 'member', via: 'joined' };
	});
	for (let i = 0; i < members.length; i += 5000) {
		await tx`insert into public.space_members ${tx(members.slice(i, i + 5000))} on conflict do nothing`;
	}
	await triggers(true);
	await settle(tx);
	await reportSome(tx, seed);
	return rows.threads.length;
}

/** The topic, regional and working-group spaces, and who may take part in each. */
async function createSpaces(tx: TransactionSql, seed: number): Promise<Map<string, SpaceRow>> {
	const made = new Map<string, SpaceRow>();
	const admin = await tx<
		{ id: string }[]
	>`select id from auth.users where email = 'leilani@example.org'`;
	for (const spec of SPACES) {
		const id = uuidFor(seed, 'space', spec.key);
		await tx`
			insert into public.spaces (id, slug, kind, name, description, text_language, visibility, status,
				topic_slug, region_code, proposed_by)
			values (${id}, ${spec.slug}, ${spec.kind}, ${spec.name}, ${spec.description}, ${spec.language},
				${spec.visibility ?? 'members'}, ${spec.status ?? 'open'}, ${spec.topic ?? null}, ${spec.region ?? null},
				${spec.kind === 'working_group' ? (admin[0]?.id ?? null) : null})
			on conflict do nothing
		`;
		const people = spec.region
			? await tx<Candidate[]>`
					select p.id from public.profiles p join public.countries c on c.code = p.country_code
					where ${spec.region} in (c.region_code, c.sub_region_code, c.intermediate_region_code)
					order by p.id limit 400
				`
			: await tx<Candidate[]>`
					select id from public.profiles
					order by md5(id::text || ${spec.key}) limit 300
				`;
		made.set(spec.key, {
			id,
			key: spec.key,
			language: spec.language,
			languages: spec.languages ?? [spec.language],
			people: people.map((p) => p.id)
		});
	}
	// A programme's space: its verified people, in the programme's language.
	const programmes = await tx<
		{ id: string; slug: string; text_language: string; people: string[] }[]
	>`
		select s.id, p.slug, s.text_language,
			coalesce(array_agg(m.profile_id order by m.profile_id) filter (where m.profile_id is not null), '{}') as people
		from public.spaces s
		join public.programmes p on p.id = s.programme_id
		left join public.space_members m on m.space_id = s.id
		where s.kind = 'programme'
		group by s.id, p.slug, s.text_language
	`;
	for (const p of programmes) {
		made.set(p.slug, {
			id: p.id,
			key: p.slug,
			language: p.text_language,
			languages: [p.text_language],
			people: p.people
		});
	}
	// A cohort's own space, as its coordinator would open it: the Monsoon School's class of 2025,
	// private to its verified people (the database adds them) and moderated by its coordinators.
	const [cohort] = await tx<{ id: string; programme_id: string; name: string }[]>`
		select c.id, p.id as programme_id, p.name || ' ' || c.edition as name
		from public.cohorts c join public.programmes p on p.id = c.programme_id
		where p.slug = 'monsoon-school-internet-governance' and c.edition like '%2025%'
		order by c.starts_on limit 1
	`;
	if (cohort) {
		const id = uuidFor(seed, 'space', 'monsoon-2025');
		await tx`
			insert into public.spaces (id, slug, kind, name, text_language, visibility, programme_id, cohort_id)
			values (${id}, 'monsoon-school-internet-governance-2025', 'cohort', ${cohort.name}, 'en',
				'private', ${cohort.programme_id}, ${cohort.id})
			on conflict do nothing
		`;
		const people = await tx<Candidate[]>`
			select profile_id as id from public.space_members where space_id = ${id} order by profile_id
		`;
		made.set('monsoon-2025', {
			id,
			key: 'monsoon-2025',
			language: 'en',
			languages: ['en'],
			people: people.map((p) => p.id)
		});
	}
	return made;
}

async function demoIds(tx: TransactionSql): Promise<Map<string, string>> {
	const rows = await tx<{ id: string; email: string }[]>`
		select id, email from auth.users where email like '%@example.org'
	`;
	return new Map(rows.map((r) => [r.email, r.id]));
}

type ThreadRow = {
	id: string;
	space_id: string;
	author_id: string;
	title: string;
	slug: string;
	text_language: string;
	created_at: Date;
	pinned_at: Date | null;
	locked_at: Date | null;
};
type PostRow = {
	id: string;
	thread_id: string;
	space_id: string;
	number: number;
	author_id: string;
	reply_to: number | null;
	body: string;
	text_language: string;
	created_at: Date;
};

const DAY = 86_400_000;

function buildThreads(
	seed: number,
	size: number,
	spaces: Map<string, SpaceRow>,
	demo: Map<string, string>
) {
	const threads: ThreadRow[] = [];
	const posts: PostRow[] = [];
	const members = new Set<string>();
	const now = Date.now();
	const join = (spaceId: string, person: string) => members.add(`${spaceId}|${person}`);

	for (const f of FEATURED) {
		const space = spaces.get(f.space);
		if (!space) continue;
		const rng = rngFor(seed, 'featured', f.key);
		const id = uuidFor(seed, 'thread', f.key);
		const start = now - f.daysAgo * DAY;
		const authors = f.posts.map(
			(p) => (p.by ? demo.get(p.by) : undefined) ?? pickPerson(rng, space)
		);
		threads.push({
			id,
			space_id: space.id,
			author_id: authors[0]!,
			title: f.title,
			slug: slugOf(f.title, f.key),
			text_language: f.language,
			created_at: new Date(start),
			pinned_at: f.pinned ? new Date(start) : null,
			locked_at: f.locked ? new Date(start) : null
		});
		f.posts.forEach((p, i) => {
			posts.push({
				id: uuidFor(seed, 'post', f.key, i + 1),
				thread_id: id,
				space_id: space.id,
				number: i + 1,
				author_id: authors[i]!,
				reply_to: p.replyTo ?? null,
				body: p.text,
				text_language: f.language,
				created_at: new Date(start + (i * (f.daysAgo * DAY)) / (f.posts.length + 1))
			});
			join(space.id, authors[i]!);
		});
	}

	const open = [...spaces.values()].filter((s) => s.people.length > 1 && s.key !== 'environment');
	const count = threadsFor(size);
	for (let t = 0; t < count; t += 1) {
		const rng = rngFor(seed, 'thread', t);
		const space = open[t % open.length]!;
		const language = pick(rng, space.languages);
		const words = TOPIC_WORDS[language] ?? TOPIC_WORDS.en!;
		const title = pick(rng, TITLES[language] ?? TITLES.en!).replace('{topic}', pick(rng, words));
		const id = uuidFor(seed, 'thread', t);
		// Most of the history is older; some threads are from the last days, so that there is news.
		const age = rng() < 0.15 ? rng() * 5 * DAY : rng() * 540 * DAY;
		const start = now - age;
		const length = 2 + Math.floor(rng() * rng() * 30);
		const author = pickPerson(rng, space);
		threads.push({
			id,
			space_id: space.id,
			author_id: author,
			title,
			slug: slugOf(title, `thread-${t}`),
			text_language: language,
			created_at: new Date(start),
			pinned_at: null,
			locked_at: null
		});
		const sentences = SENTENCES[language] ?? SENTENCES.en!;
		for (let n = 1; n <= length; n += 1) {
			const by = n === 1 ? author : pickPerson(rng, space);
			const body =
				n === 1
					? `${title}\n\n${pick(rng, sentences)} ${pick(rng, sentences)}`
					: Array.from({ length: 1 + Math.floor(rng() * 3) }, () => pick(rng, sentences)).join(' ');
			posts.push({
				id: uuidFor(seed, 'post', t, n),
				thread_id: id,
				space_id: space.id,
				number: n,
				author_id: by,
				reply_to: n > 2 && rng() < 0.25 ? 1 + Math.floor(rng() * (n - 1)) : null,
				body,
				text_language: language,
				created_at: new Date(start + ((n - 1) / length) * Math.min(age, 20 * DAY))
			});
			join(space.id, by);
		}
	}
	// The demo accounts follow the spaces of the journeys.
	for (const [email, keys] of Object.entries(DEMO_SPACES)) {
		const person = demo.get(email);
		for (const key of keys) {
			const space = spaces.get(key);
			if (person && space) join(space.id, person);
		}
	}
	return { threads, posts, members };
}

const DEMO_SPACES: Record<string, string[]> = {
	'amina@example.org': ['data-protection', 'africa', 'human-rights-online', 'meaningful-access'],
	'tomas@example.org': ['data-protection', 'lac', 'gender-ig-education', 'ai-governance'],
	'kwame@example.org': ['africa', 'cybersecurity-capacity', 'data-protection'],
	'priya@example.org': ['nri-coorganisers', 'asia', 'dns'],
	'leilani@example.org': ['pacific', 'asia']
};

function pickPerson(rng: Rng, space: SpaceRow): string {
	return pick(rng, space.people);
}

function slugOf(title: string, fallback: string): string {
	const slug = title
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.slice(0, 60)
		.replace(/^-+|-+$/g, '');
	return slug || fallback.replace(/[^a-z0-9]+/g, '-');
}

/**
 * What the triggers would have kept: the threads' and spaces' counters and last activity, the
 * private working group's moderator, and each author's read state (read up to their last post,
 * watching what they wrote in), so that the demo accounts find unread posts.
 */
async function settle(tx: TransactionSql): Promise<void> {
	await tx`
		update public.threads t
		set last_post_number = x.last, post_count = x.count, last_posted_at = x.at, last_poster_id = x.poster
		from (
			select thread_id, max(number) as last, count(*)::int as count, max(created_at) as at,
				(array_agg(author_id order by number desc))[1] as poster
			from public.posts group by thread_id
		) x
		where x.thread_id = t.id
	`;
	await tx`
		update public.spaces s
		set thread_count = x.threads, post_count = x.posts, last_posted_at = x.at
		from (
			select space_id, count(*)::int as threads, sum(post_count)::int as posts, max(last_posted_at) as at
			from public.threads group by space_id
		) x
		where x.space_id = s.id
	`;
	await tx`
		insert into public.thread_reads (profile_id, thread_id, last_read_number, watch_level, updated_at)
		select author_id, thread_id, max(number), 'watching', max(created_at)
		from public.posts where author_id is not null
		group by author_id, thread_id
		on conflict do nothing
	`;
	// Joined before the history began, so that what came after counts as new or unread for them.
	await tx`
		update public.space_members m set joined_at = s.created_at - interval '2 years'
		from public.spaces s where s.id = m.space_id
	`;
	await tx`
		update public.space_members m set role = 'moderator'
		from public.spaces s, auth.users u
		where s.id = m.space_id and u.id = m.profile_id
		  and ((s.slug = 'nri-coorganisers' and u.email = 'priya@example.org')
		    or (s.slug = 'africa' and u.email = 'kwame@example.org')
		    or (s.slug = 'data-protection' and u.email = 'tomas@example.org'))
	`;
}

/** Two reports waiting for the moderators, so that the queue shows what it is for. */
async function reportSome(tx: TransactionSql, seed: number): Promise<void> {
	const reported = await tx<{ id: string; author_id: string }[]>`
		select p.id, p.author_id from public.posts p
		join public.spaces s on s.id = p.space_id
		where s.slug in ('cybersecurity-capacity', 'meaningful-access') and p.number > 1
		order by p.id limit 2
	`;
	const reasons = [
		{ reason: 'spam', note: 'Same link posted in several threads.' },
		{ reason: 'off_topic', note: null }
	];
	for (const [i, post] of reported.entries()) {
		const [reporter] = await tx<{ id: string }[]>`
			select id from public.profiles where id <> ${post.author_id} order by md5(id::text || ${seed + i}) limit 1
		`;
		await tx`
			insert into public.post_reports (post_id, reporter_id, reason, note)
			values (${post.id}, ${reporter!.id}, ${reasons[i]!.reason}, ${reasons[i]!.note})
		`;
	}
}
