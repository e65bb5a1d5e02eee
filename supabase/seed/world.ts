/**
 * The demo world's hand-written data: where people live, the organisations and programmes they
 * meet through (fictional, but shaped like the real landscape), and the words of their profiles.
 */
import ct from 'countries-and-timezones';
import { pick, rngFor, uuidFor, type NameSpec, type Rng } from './names.ts';

/** "Today" in the demo world: fixed so that every run produces the same dates. */
export const REFERENCE_DATE = new Date('2026-11-01T12:00:00Z');

/** The groupings programmes recruit from (not the UN M49 regions, which the taxonomy holds). */
export type Area = 'africa' | 'arab' | 'asia-pacific' | 'pacific' | 'lac' | 'eeca' | 'weog';

// ─── Where people live ───────────────────────────────────────────────────────────────────────────

export type CountrySpec = {
	code: string;
	/** Relative share of people; most of the network lives in developing countries. */
	weight: number;
	area: Area;
	names: NameSpec;
	/** Cities; [city, IANA zone] where the country spans several zones. */
	cities: (string | [string, string])[];
};

const c = (
	code: string,
	weight: number,
	area: Area,
	names: NameSpec,
	cities: CountrySpec['cities']
): CountrySpec => ({ code, weight, area, names, cities });
const latin = (...sources: string[]): NameSpec => ({ latin: sources });
const scripts = (native: string, ...sources: string[]): NameSpec => ({ latin: sources, native });

export const COUNTRIES: CountrySpec[] = [
	// Africa
	c('NG', 4, 'africa', latin('en_NG', 'yo_NG'), [
		'Lagos',
		'Abuja',
		'Ibadan',
		'Port Harcourt',
		'Kano'
	]),
	c('KE', 3.5, 'africa', latin('eastAfrican'), [
		'Nairobi',
		'Mombasa',
		'Kisumu',
		'Nakuru',
		'Eldoret'
	]),
	c('GH', 2.5, 'africa', latin('en_GH'), ['Accra', 'Kumasi', 'Tamale', 'Takoradi']),
	c('ZA', 2.5, 'africa', latin('zu_ZA', 'af_ZA', 'en_ZA'), [
		'Johannesburg',
		'Cape Town',
		'Durban',
		'Pretoria'
	]),
	c('SN', 1.5, 'africa', latin('fr_SN'), ['Dakar', 'Saint-Louis', 'Thiès', 'Ziguinchor']),
	c('UG', 1.5, 'africa', latin('eastAfrican'), ['Kampala', 'Gulu', 'Mbarara', 'Jinja']),
	c('TZ', 1.3, 'africa', latin('eastAfrican'), ['Dar es Salaam', 'Dodoma', 'Arusha', 'Mwanza']),
	c('ET', 1.3, 'africa', latin('ethiopian'), ['Addis Ababa', 'Bahir Dar', 'Hawassa', 'Mekelle']),
	c('RW', 1, 'africa', latin('eastAfrican'), ['Kigali', 'Huye', 'Musanze']),
	c('CM', 1, 'africa', latin('fr_SN', 'en_NG'), ['Yaoundé', 'Douala', 'Bamenda', 'Buea']),
	c('CI', 1, 'africa', latin('fr_SN'), ['Abidjan', 'Yamoussoukro', 'Bouaké']),
	c('CD', 1, 'africa', latin('fr_SN', 'eastAfrican'), [
		['Kinshasa', 'Africa/Kinshasa'],
		['Lubumbashi', 'Africa/Lubumbashi'],
		['Goma', 'Africa/Lubumbashi']
	]),
	c('ZW', 0.8, 'africa', latin('zu_ZA', 'en_ZA'), ['Harare', 'Bulawayo', 'Mutare']),
	c('ZM', 0.7, 'africa', latin('zu_ZA', 'en_ZA'), ['Lusaka', 'Ndola', 'Kitwe']),
	c('MW', 0.5, 'africa', latin('zu_ZA', 'eastAfrican'), ['Lilongwe', 'Blantyre', 'Zomba']),
	c('BJ', 0.6, 'africa', latin('fr_SN'), ['Cotonou', 'Porto-Novo', 'Parakou']),
	c('BF', 0.5, 'africa', latin('fr_SN'), ['Ouagadougou', 'Bobo-Dioulasso']),
	c('ML', 0.4, 'africa', latin('fr_SN'), ['Bamako', 'Ségou']),
	c('NA', 0.4, 'africa', latin('af_ZA', 'en_ZA'), ['Windhoek', 'Walvis Bay']),
	c('BW', 0.4, 'africa', latin('zu_ZA', 'en_ZA'), ['Gaborone', 'Francistown']),
	c('MZ', 0.4, 'africa', latin('pt_PT', 'zu_ZA'), ['Maputo', 'Beira', 'Nampula']),
	c('MU', 0.3, 'africa', latin('fr', 'en_IN'), ['Port Louis', 'Quatre Bornes', 'Ebène']),
	c('GM', 0.3, 'africa', latin('fr_SN'), ['Banjul', 'Serekunda']),
	c('SL', 0.3, 'africa', latin('en_NG', 'en_GH'), ['Freetown', 'Bo']),
	c('LR', 0.3, 'africa', latin('en_GH'), ['Monrovia', 'Gbarnga']),
	// The Arab region
	c('EG', 2.2, 'arab', scripts('ar', 'arabic'), ['Cairo', 'Alexandria', 'Giza', 'Mansoura']),
	c('MA', 1.2, 'arab', scripts('ar', 'arabic'), ['Rabat', 'Casablanca', 'Marrakesh', 'Tangier']),
	c('TN', 1.1, 'arab', scripts('ar', 'arabic'), ['Tunis', 'Sfax', 'Sousse']),
	c('DZ', 0.8, 'arab', scripts('ar', 'arabic'), ['Algiers', 'Oran', 'Constantine']),
	c('JO', 0.9, 'arab', scripts('ar', 'arabic'), ['Amman', 'Irbid', 'Zarqa']),
	c('LB', 0.8, 'arab', scripts('ar', 'arabic'), ['Beirut', 'Tripoli', 'Saida']),
	c('PS', 0.5, 'arab', scripts('ar', 'arabic'), [
		['Ramallah', 'Asia/Hebron'],
		['Nablus', 'Asia/Hebron'],
		['Gaza', 'Asia/Gaza']
	]),
	c('SA', 0.5, 'arab', scripts('ar', 'arabic'), ['Riyadh', 'Jeddah', 'Dammam']),
	c('AE', 0.5, 'arab', scripts('ar', 'arabic'), ['Dubai', 'Abu Dhabi', 'Sharjah']),
	c('SD', 0.5, 'arab', scripts('ar', 'arabic'), ['Khartoum', 'Omdurman', 'Port Sudan']),
	c('IQ', 0.4, 'arab', scripts('ar', 'arabic'), ['Baghdad', 'Erbil', 'Basra']),
	c('OM', 0.2, 'arab', scripts('ar', 'arabic'), ['Muscat', 'Salalah']),
	c('YE', 0.2, 'arab', scripts('ar', 'arabic'), ["Sana'a", 'Aden']),
	c('QA', 0.2, 'arab', scripts('ar', 'arabic'), ['Doha']),
	// Asia-Pacific
	c('IN', 5, 'asia-pacific', latin('en_IN', 'hindi'), [
		'New Delhi',
		'Mumbai',
		'Bengaluru',
		'Chennai',
		'Hyderabad',
		'Kolkata',
		'Pune'
	]),
	c('PK', 2, 'asia-pacific', scripts('ur', 'urdu'), ['Islamabad', 'Lahore', 'Karachi', 'Peshawar']),
	c('BD', 2, 'asia-pacific', scripts('bengaliScript', 'bengali'), [
		'Dhaka',
		'Chattogram',
		'Khulna',
		'Rajshahi'
	]),
	c('NP', 1.5, 'asia-pacific', scripts('ne', 'en_NP', 'nepali'), [
		'Kathmandu',
		'Lalitpur',
		'Pokhara',
		'Biratnagar'
	]),
	c('LK', 0.8, 'asia-pacific', latin('sinhala'), ['Colombo', 'Kandy', 'Galle', 'Jaffna']),
	c('ID', 2.5, 'asia-pacific', latin('id_ID'), [
		['Jakarta', 'Asia/Jakarta'],
		['Bandung', 'Asia/Jakarta'],
		['Yogyakarta', 'Asia/Jakarta'],
		['Surabaya', 'Asia/Jakarta'],
		['Makassar', 'Asia/Makassar']
	]),
	c('PH', 2, 'asia-pacific', latin('filipino'), [
		'Manila',
		'Quezon City',
		'Cebu City',
		'Davao City'
	]),
	c('VN', 1.2, 'asia-pacific', latin('vi'), ['Hanoi', 'Ho Chi Minh City', 'Da Nang']),
	c('TH', 1.2, 'asia-pacific', scripts('th', 'thai'), ['Bangkok', 'Chiang Mai', 'Khon Kaen']),
	c('MY', 1, 'asia-pacific', latin('id_ID', 'chinese', 'hindi'), [
		['Kuala Lumpur', 'Asia/Kuala_Lumpur'],
		['Penang', 'Asia/Kuala_Lumpur'],
		['Kota Kinabalu', 'Asia/Kuching']
	]),
	c('SG', 0.4, 'asia-pacific', latin('chinese', 'id_ID', 'hindi'), ['Singapore']),
	c('CN', 1.5, 'asia-pacific', scripts('zh_CN', 'chinese'), [
		'Beijing',
		'Shanghai',
		'Shenzhen',
		'Guangzhou',
		'Wuhan',
		'Chengdu'
	]),
	c('TW', 0.4, 'asia-pacific', scripts('zh_TW', 'chinese'), ['Taipei', 'Taichung', 'Kaohsiung']),
	c('JP', 0.8, 'asia-pacific', scripts('ja', 'japanese'), ['Tokyo', 'Osaka', 'Kyoto', 'Fukuoka']),
	c('KR', 0.8, 'asia-pacific', scripts('ko', 'korean'), ['Seoul', 'Busan', 'Daejeon', 'Incheon']),
	c('MN', 0.4, 'asia-pacific', latin('mongolian'), [
		['Ulaanbaatar', 'Asia/Ulaanbaatar'],
		['Darkhan', 'Asia/Ulaanbaatar']
	]),
	c('AF', 0.5, 'asia-pacific', scripts('fa', 'persian'), ['Kabul', 'Herat', 'Mazar-i-Sharif']),
	c('IR', 0.8, 'asia-pacific', scripts('fa', 'persian'), ['Tehran', 'Isfahan', 'Shiraz', 'Tabriz']),
	c('MV', 0.2, 'asia-pacific', scripts('dv', 'arabic'), ['Malé', 'Addu City']),
	c('BT', 0.2, 'asia-pacific', latin('nepali'), ['Thimphu', 'Paro']),
	c('AU', 0.6, 'asia-pacific', latin('en_AU'), [
		['Sydney', 'Australia/Sydney'],
		['Melbourne', 'Australia/Melbourne'],
		['Canberra', 'Australia/Sydney'],
		['Brisbane', 'Australia/Brisbane'],
		['Perth', 'Australia/Perth']
	]),
	c('NZ', 0.4, 'asia-pacific', latin('en_AU', 'pacific'), [
		['Wellington', 'Pacific/Auckland'],
		['Auckland', 'Pacific/Auckland']
	]),
	// The Pacific islands
	c('FJ', 1, 'pacific', latin('pacific'), ['Suva', 'Nadi', 'Lautoka']),
	c('TO', 0.6, 'pacific', latin('pacific'), ["Nuku'alofa", 'Neiafu']),
	c('WS', 0.6, 'pacific', latin('pacific'), ['Apia', 'Salelologa']),
	c('PG', 0.6, 'pacific', latin('pacific'), [
		['Port Moresby', 'Pacific/Port_Moresby'],
		['Lae', 'Pacific/Port_Moresby']
	]),
	c('VU', 0.3, 'pacific', latin('pacific'), ['Port Vila', 'Luganville']),
	c('SB', 0.3, 'pacific', latin('pacific'), ['Honiara']),
	c('KI', 0.2, 'pacific', latin('pacific'), [['South Tarawa', 'Pacific/Tarawa']]),
	// Latin America and the Caribbean
	c('BR', 3.5, 'lac', latin('pt_BR'), [
		['São Paulo', 'America/Sao_Paulo'],
		['Rio de Janeiro', 'America/Sao_Paulo'],
		['Brasília', 'America/Sao_Paulo'],
		['Belo Horizonte', 'America/Sao_Paulo'],
		['Porto Alegre', 'America/Sao_Paulo'],
		['Recife', 'America/Recife'],
		['Manaus', 'America/Manaus']
	]),
	c('MX', 2.5, 'lac', latin('es_MX'), [
		['Ciudad de México', 'America/Mexico_City'],
		['Guadalajara', 'America/Mexico_City'],
		['Oaxaca', 'America/Mexico_City'],
		['Monterrey', 'America/Monterrey'],
		['Mérida', 'America/Merida']
	]),
	c('AR', 1.8, 'lac', latin('es'), [
		['Buenos Aires', 'America/Argentina/Buenos_Aires'],
		['Córdoba', 'America/Argentina/Cordoba'],
		['Rosario', 'America/Argentina/Cordoba'],
		['Mendoza', 'America/Argentina/Mendoza']
	]),
	c('CO', 1.8, 'lac', latin('es'), ['Bogotá', 'Medellín', 'Cali', 'Barranquilla']),
	c('CL', 1.2, 'lac', latin('es'), [
		['Santiago', 'America/Santiago'],
		['Valparaíso', 'America/Santiago'],
		['Concepción', 'America/Santiago']
	]),
	c('PE', 1.2, 'lac', latin('es'), ['Lima', 'Arequipa', 'Cusco']),
	c('EC', 0.7, 'lac', latin('es'), [
		['Quito', 'America/Guayaquil'],
		['Guayaquil', 'America/Guayaquil']
	]),
	c('BO', 0.6, 'lac', latin('es'), ['La Paz', 'Cochabamba', 'Santa Cruz de la Sierra']),
	c('PY', 0.5, 'lac', latin('es'), ['Asunción', 'Encarnación']),
	c('UY', 0.6, 'lac', latin('es'), ['Montevideo', 'Salto']),
	c('CR', 0.6, 'lac', latin('es'), ['San José', 'Heredia']),
	c('GT', 0.5, 'lac', latin('es_MX'), ['Guatemala City', 'Quetzaltenango']),
	c('DO', 0.5, 'lac', latin('es'), ['Santo Domingo', 'Santiago de los Caballeros']),
	c('VE', 0.5, 'lac', latin('es'), ['Caracas', 'Maracaibo']),
	c('JM', 0.5, 'lac', latin('en'), ['Kingston', 'Montego Bay']),
	c('TT', 0.4, 'lac', latin('en', 'en_IN'), ['Port of Spain', 'San Fernando']),
	c('HT', 0.4, 'lac', latin('fr'), ['Port-au-Prince', 'Cap-Haïtien']),
	c('HN', 0.3, 'lac', latin('es_MX'), ['Tegucigalpa', 'San Pedro Sula']),
	c('SV', 0.3, 'lac', latin('es_MX'), ['San Salvador']),
	c('PA', 0.3, 'lac', latin('es'), ['Panama City']),
	c('CU', 0.3, 'lac', latin('es'), ['Havana', 'Santiago de Cuba']),
	c('BB', 0.2, 'lac', latin('en'), ['Bridgetown']),
	// Eastern Europe and Central Asia
	c('UA', 1.2, 'eeca', scripts('uk', 'cyrillic'), [
		['Kyiv', 'Europe/Kyiv'],
		['Lviv', 'Europe/Kyiv'],
		['Kharkiv', 'Europe/Kyiv'],
		['Odesa', 'Europe/Kyiv']
	]),
	c('RU', 0.9, 'eeca', scripts('ru', 'cyrillic'), [
		['Moscow', 'Europe/Moscow'],
		['Saint Petersburg', 'Europe/Moscow'],
		['Kazan', 'Europe/Moscow'],
		['Novosibirsk', 'Asia/Novosibirsk']
	]),
	c('AM', 0.7, 'eeca', scripts('hy', 'armenian'), ['Yerevan', 'Gyumri']),
	c('GE', 0.7, 'eeca', scripts('ka_GE', 'georgian'), ['Tbilisi', 'Batumi', 'Kutaisi']),
	c('AZ', 0.5, 'eeca', latin('az'), ['Baku', 'Ganja']),
	c('KZ', 0.7, 'eeca', scripts('ru', 'cyrillic'), [
		['Almaty', 'Asia/Almaty'],
		['Astana', 'Asia/Almaty'],
		['Shymkent', 'Asia/Almaty']
	]),
	c('KG', 0.4, 'eeca', scripts('ru', 'cyrillic'), ['Bishkek', 'Osh']),
	c('UZ', 0.5, 'eeca', latin('uz_UZ_latin'), [
		['Tashkent', 'Asia/Tashkent'],
		['Samarkand', 'Asia/Samarkand']
	]),
	c('TJ', 0.2, 'eeca', scripts('ru', 'cyrillic', 'persian'), ['Dushanbe']),
	c('MD', 0.4, 'eeca', latin('ro_MD'), ['Chișinău', 'Bălți']),
	c('BY', 0.3, 'eeca', scripts('ru', 'cyrillic'), ['Minsk', 'Brest']),
	c('RS', 0.4, 'eeca', latin('sr_RS_latin'), ['Belgrade', 'Novi Sad', 'Niš']),
	c('MK', 0.3, 'eeca', scripts('mk', 'sr_RS_latin'), ['Skopje', 'Bitola']),
	c('BA', 0.2, 'eeca', latin('sr_RS_latin', 'hr'), ['Sarajevo', 'Banja Luka']),
	c('TR', 0.8, 'eeca', latin('tr'), ['Istanbul', 'Ankara', 'Izmir']),
	// Western Europe, North America and others
	c('US', 1.5, 'weog', latin('en_US'), [
		['Washington', 'America/New_York'],
		['New York', 'America/New_York'],
		['Boston', 'America/New_York'],
		['Chicago', 'America/Chicago'],
		['San Francisco', 'America/Los_Angeles']
	]),
	c('CA', 0.6, 'weog', latin('en_CA', 'fr_CA'), [
		['Ottawa', 'America/Toronto'],
		['Toronto', 'America/Toronto'],
		['Montréal', 'America/Toronto'],
		['Vancouver', 'America/Vancouver']
	]),
	c('GB', 1, 'weog', latin('en_GB'), ['London', 'Manchester', 'Edinburgh', 'Cardiff']),
	c('DE', 0.8, 'weog', latin('de'), ['Berlin', 'Bonn', 'Munich', 'Hamburg']),
	c('FR', 0.8, 'weog', latin('fr'), ['Paris', 'Lyon', 'Strasbourg', 'Toulouse']),
	c('CH', 0.6, 'weog', latin('de_CH', 'fr_CH'), ['Geneva', 'Zurich', 'Bern', 'Lausanne']),
	c('NL', 0.4, 'weog', latin('nl'), ['Amsterdam', 'The Hague', 'Utrecht']),
	c('BE', 0.3, 'weog', latin('nl_BE', 'fr_BE'), ['Brussels', 'Ghent', 'Liège']),
	c('ES', 0.4, 'weog', latin('es'), [
		['Madrid', 'Europe/Madrid'],
		['Barcelona', 'Europe/Madrid'],
		['Valencia', 'Europe/Madrid']
	]),
	c('PT', 0.2, 'weog', latin('pt_PT'), [
		['Lisbon', 'Europe/Lisbon'],
		['Porto', 'Europe/Lisbon']
	]),
	c('IT', 0.4, 'weog', latin('it'), ['Rome', 'Milan', 'Turin']),
	c('AT', 0.2, 'weog', latin('de_AT'), ['Vienna', 'Graz']),
	c('SE', 0.3, 'weog', latin('sv'), ['Stockholm', 'Gothenburg']),
	c('NO', 0.2, 'weog', latin('nb_NO'), ['Oslo', 'Bergen']),
	c('FI', 0.15, 'weog', latin('fi'), ['Helsinki', 'Tampere']),
	c('DK', 0.15, 'weog', latin('da'), ['Copenhagen', 'Aarhus']),
	c('PL', 0.3, 'weog', latin('pl'), ['Warsaw', 'Kraków', 'Wrocław']),
	c('IE', 0.2, 'weog', latin('en_IE'), ['Dublin', 'Galway'])
];

/** Names for countries not listed above: by their area, unless the country is named here. */
export const AREA_NAMES: Record<Area, NameSpec> = {
	africa: latin('en_NG', 'en_GH'),
	arab: scripts('ar', 'arabic'),
	'asia-pacific': latin('id_ID', 'filipino'),
	pacific: latin('pacific'),
	lac: latin('en'),
	eeca: scripts('ru', 'cyrillic'),
	weog: latin('en_GB', 'fr', 'de', 'it')
};

const lusophone = latin('pt_PT', 'pt_BR');
const francophone = latin('fr_SN', 'fr');
const pacific = latin('pacific');
const dutch = latin('nl');

export const TAIL_NAMES: Record<string, NameSpec> = {
	...Object.fromEntries(['AO', 'CV', 'GW', 'ST', 'TL'].map((code) => [code, lusophone])),
	...Object.fromEntries(
		['BI', 'CF', 'CG', 'GA', 'GN', 'KM', 'MG', 'NE', 'TD', 'TG', 'DJ', 'RE', 'YT', 'SC', 'GQ'].map(
			(code) => [code, francophone]
		)
	),
	...Object.fromEntries(['GP', 'MQ', 'GF', 'PF', 'NC', 'WF'].map((code) => [code, latin('fr')])),
	...Object.fromEntries(['AW', 'CW', 'SX', 'BQ', 'SR'].map((code) => [code, dutch])),
	...Object.fromEntries(
		['GU', 'MP', 'AS', 'FM', 'MH', 'PW', 'NR', 'TV', 'CK', 'NU'].map((code) => [code, pacific])
	),
	MR: scripts('ar', 'arabic'),
	SO: scripts('ar', 'arabic'),
	ER: latin('ethiopian'),
	SS: latin('eastAfrican'),
	LS: latin('zu_ZA'),
	SZ: latin('zu_ZA'),
	IL: scripts('he', 'hebrew'),
	CY: scripts('el', 'greek'),
	GR: scripts('el', 'greek'),
	HK: scripts('zh_TW', 'chinese'),
	MO: scripts('zh_TW', 'chinese'),
	KH: latin('thai'),
	LA: latin('thai'),
	MM: latin('thai'),
	BN: latin('id_ID'),
	NI: latin('es_MX'),
	PR: latin('es'),
	CZ: latin('cs_CZ'),
	SK: latin('sk'),
	HU: latin('hu'),
	HR: latin('hr'),
	SI: latin('sl_SI'),
	RO: latin('ro'),
	LV: latin('lv'),
	ME: latin('sr_RS_latin'),
	AL: latin('sr_RS_latin', 'it'),
	BG: scripts('mk', 'sr_RS_latin'),
	MT: latin('it', 'en_GB')
};

/** Territories with (almost) nobody to join the network. */
const UNPEOPLED = new Set(
	'AQ BV GS HM IO TF UM PN CC CX NF SJ VA FK SH PM BL MF TK AX MS KP EH'.split(' ')
);

/** UN M49 sub-region (or region) names → the area whose programmes recruit there. */
export const AREA_OF_REGION: Record<string, Area> = {
	'Northern Africa': 'arab',
	'Sub-Saharan Africa': 'africa',
	'Western Asia': 'arab',
	'Central Asia': 'eeca',
	'Eastern Europe': 'eeca',
	'Southern Asia': 'asia-pacific',
	'South-eastern Asia': 'asia-pacific',
	'Eastern Asia': 'asia-pacific',
	'Australia and New Zealand': 'asia-pacific',
	Melanesia: 'pacific',
	Micronesia: 'pacific',
	Polynesia: 'pacific',
	'Latin America and the Caribbean': 'lac',
	Africa: 'africa',
	Americas: 'lac',
	Asia: 'asia-pacific',
	Oceania: 'pacific',
	Europe: 'weog'
};

/** Relative shares of stakeholder groups; a group the taxonomy adds later gets a small share. */
export const STAKEHOLDER_WEIGHTS: Record<string, number> = {
	'civil-society': 28,
	government: 20,
	academia: 18,
	'technical-community': 15,
	'private-sector': 12,
	'intergovernmental-organisation': 7
};

export type Place = {
	code: string;
	weight: number;
	area: Area;
	names: NameSpec;
	/** [city, IANA zone] */
	cities: [string, string][];
};

export type TaxonomyCountry = { code: string; developing: boolean; region: string | null };

/** Where people are drawn from: the countries above, then a few people in every other country. */
export function placesFor(countries: TaxonomyCountry[]): Place[] {
	const present = new Set(countries.map((c) => c.code));
	const listed = new Set(COUNTRIES.map((c) => c.code));
	const places: Place[] = COUNTRIES.filter((c) => present.has(c.code)).map((c) => ({
		...c,
		cities: c.cities.map((city) => (Array.isArray(city) ? city : [city, zoneFor(c.code, city)]))
	}));
	for (const country of countries.filter((c) => !listed.has(c.code))) {
		// Named after their area, living in the cities their country's time zones are named after.
		const zones = ownZones(country.code);
		if (!zones.length || UNPEOPLED.has(country.code)) continue;
		const area = AREA_OF_REGION[country.region ?? ''] ?? 'weog';
		places.push({
			code: country.code,
			weight: country.developing ? 0.05 : 0.02,
			area,
			names: TAIL_NAMES[country.code] ?? AREA_NAMES[area],
			cities: zones.map((z) => [z.split('/').at(-1)!.replaceAll('_', ' '), z])
		});
	}
	return places;
}

/** The country's own IANA zones (not another country's zone it shares), current names first. */
export function ownZones(code: string): string[] {
	const zones = ct.getCountry(code, { deprecated: true })?.timezones ?? [];
	const own = zones.filter((z) => ct.getTimezone(z)?.countries[0] === code);
	const current = own.filter((z) => !ct.getTimezone(z)?.deprecated);
	return current.length ? current : own.length ? own : zones.slice(0, 1);
}

export function zoneFor(code: string, city: string): string {
	const zones = ownZones(code);
	return zones.find((z) => z.endsWith(`/${city.replaceAll(' ', '_')}`)) ?? zones[0] ?? 'UTC';
}

// ─── Organisations and programmes ───────────────────────────────────────────────────────────────

export type Organisation = {
	slug: string;
	name: string;
	shortName: string;
	stakeholderGroup: string;
	country: string;
	description: string;
};

export type Programme = {
	slug: string;
	organisation: string;
	name: string;
	kind: 'diploma' | 'fellowship' | 'ambassador-scheme' | 'school-of-internet-governance' | 'course';
	format: 'online' | 'in-situ' | 'blended';
	level: 'introductory' | 'intermediate' | 'advanced';
	scope: 'local' | 'national' | 'regional' | 'global';
	status: 'active' | 'paused' | 'closed';
	firstYear: number;
	summary: string;
	/** The language its summary is written in, when not English. */
	textLanguage?: string;
	/** The programme's own paragraphs; "who it is for" and "how it runs" are added from the fields. */
	about: string;
	/** Who joins: areas or countries (none means anyone) and a relative pull. */
	reach: { areas?: Area[]; countries?: string[]; weight: number; diplomats?: boolean };
	schedule: Schedule;
	/** Generated coordinators (the demo account Priya coordinates one more). */
	coordinators: 1 | 2;
};

export type Schedule = {
	from: number;
	to: number;
	/** Editions within a year, e.g. [['Spring', 3], ['Autumn', 10]]; one a year by default. */
	terms?: [string, number][];
	month: number;
	days: number;
	/** Host cities in rotation; in-person editions went online in these years. */
	places?: [string, string][];
	onlineYears?: number[];
};

export const ORGANISATIONS: Organisation[] = [
	org(
		'halvorsen-institute',
		'Halvorsen Institute for Digital Governance',
		'HIDG',
		'academia',
		'MT',
		'A university institute teaching Internet governance and digital policy to mid-career professionals since 2009. Its staff combine research on multistakeholder governance with practical teaching, and its alumni work in ministries, regulators and civil society in more than 120 countries.'
	),
	org(
		'open-horizons',
		'Open Horizons Foundation',
		'Open Horizons',
		'civil-society',
		'NL',
		'A private foundation supporting people who defend rights online. It funds fellowships that pair early-career advocates, researchers and technologists with mentors, and brings them to regional and global policy meetings.'
	),
	org(
		'savanna-forum',
		'Savanna Forum on Internet Governance',
		'Savanna Forum',
		'civil-society',
		'KE',
		'A regional IGF initiative for East, West and Southern Africa. Each year it convenes a multistakeholder forum ahead of the global IGF and prepares young people to take part in it through its ambassador scheme.'
	),
	org(
		'baobab-network',
		'Baobab Digital Policy Network',
		'Baobab',
		'civil-society',
		'ZA',
		'A pan-African network of digital-rights and development organisations. It runs the Baobab School of Internet Governance and publishes policy briefs on connectivity, data governance and online freedoms on the continent.'
	),
	org(
		'monsoon-forum',
		'Monsoon Network Policy Forum',
		'Monsoon Forum',
		'technical-community',
		'MY',
		'A community of network operators, registries and policy people from South, South-East and East Asia and the Pacific. It runs the Monsoon School of Internet Governance and a youth ambassador scheme tied to the regional IGF.'
	),
	org(
		'ceiba-digital',
		'Fundación Ceiba Digital',
		'Ceiba',
		'civil-society',
		'UY',
		'A Latin American and Caribbean foundation working on access, rights and participation in Internet governance. It runs the Ceiba School, taught in Spanish, Portuguese and English, and supports national IGF initiatives across the region.'
	),
	org(
		'qalam-centre',
		'Qalam Centre for Digital Policy',
		'Qalam',
		'academia',
		'JO',
		'A research centre hosted by a university in Amman that studies digital policy in the Arab region. It teaches in Arabic, English and French, and runs the Qalam School of Internet Governance for participants from all Arab states.'
	),
	org(
		'kura-institute',
		'Kura Institute for the Information Society',
		'Kura Institute',
		'academia',
		'GE',
		'An independent institute in Tbilisi that brings together researchers and practitioners from Eastern Europe, the Caucasus and Central Asia. It runs the Caspian–Black Sea School of Internet Governance.'
	),
	org(
		'vaka-digital',
		'Vaka Digital Pacific',
		'Vaka',
		'civil-society',
		'FJ',
		'A collective of Pacific islanders working on connectivity, resilience and digital rights. Its school brings people from small island states together, online and in person, so that Pacific voices reach regional and global policy meetings.'
	),
	org(
		'kilima-hub',
		'Kilima ICT Policy Hub',
		'Kilima Hub',
		'civil-society',
		'KE',
		'A Nairobi-based hub for ICT policy research and dialogue. It runs a national school of Internet governance each year, timed to prepare participants for the national IGF.'
	),
	org(
		'instituto-ipe',
		'Instituto Ipê de Políticas Digitais',
		'Instituto Ipê',
		'academia',
		'BR',
		'An academic institute in Brasília working on digital policy in Brazil. It runs a national school of Internet governance in Portuguese with a strong focus on the Brazilian multistakeholder model.'
	),
	org(
		'idcc-academy',
		'Academy of the International Digital Cooperation Council',
		'IDCC Academy',
		'intergovernmental-organisation',
		'CH',
		'The training arm of an intergovernmental council on digital cooperation. It offers short, just-in-time courses that prepare diplomats and delegates for negotiations on cyber norms, data and digital trade.'
	),
	org(
		'interlink-alliance',
		'Interlink Technical Alliance',
		'Interlink',
		'technical-community',
		'SG',
		'An association of network operators, Internet exchange points and registries. Its fellowship brings engineers from developing countries to its technical meetings and into policy discussions about the infrastructure they run.'
	)
];

function org(
	slug: string,
	name: string,
	shortName: string,
	stakeholderGroup: string,
	country: string,
	description: string
): Organisation {
	return { slug, name, shortName, stakeholderGroup, country, description };
}

const YEARS = { from: 2016, to: 2026 };

export const PROGRAMMES: Programme[] = [
	{
		slug: 'postgraduate-diploma-internet-governance',
		organisation: 'halvorsen-institute',
		name: 'Postgraduate Diploma in Internet Governance',
		kind: 'diploma',
		format: 'online',
		level: 'advanced',
		scope: 'global',
		status: 'active',
		firstYear: 2009,
		summary:
			'A nine-month online postgraduate diploma for professionals who shape digital policy: the actors, processes and issues of Internet governance, taught through tutored lectures, research and a policy paper.',
		about:
			'The diploma follows the whole landscape of Internet governance, from the infrastructure and its standards to human rights, cybersecurity, the economics of data and development. Each module pairs a tutored online lecture with readings and a forum discussion.\n\nParticipants finish with a **policy paper** on a question from their own country or organisation, supervised by a faculty member. Many papers have fed national strategies and consultation responses.',
		reach: { weight: 1.6 },
		schedule: { from: 2016, to: 2027, month: 2, days: 250 },
		coordinators: 2
	},
	{
		slug: 'digital-policy-essentials',
		organisation: 'halvorsen-institute',
		name: 'Digital Policy Essentials',
		kind: 'course',
		format: 'online',
		level: 'introductory',
		scope: 'global',
		status: 'active',
		firstYear: 2019,
		summary:
			'A six-week online introduction to Internet governance and digital policy for newcomers from every stakeholder group, run twice a year.',
		about:
			'A short, practical first course: what Internet governance is, who takes part in it, and how a newcomer can follow and influence the discussions that matter to them.\n\nWeekly lessons are short enough to follow on a phone, with transcripts for slow connections, and end with a small exercise discussed with peers from other regions.',
		reach: { weight: 1.2 },
		schedule: {
			from: 2019,
			to: 2027,
			month: 3,
			days: 42,
			terms: [
				['Spring', 3],
				['Autumn', 9]
			]
		},
		coordinators: 1
	},
	{
		slug: 'open-horizons-digital-rights-fellowship',
		organisation: 'open-horizons',
		name: 'Open Horizons Digital Rights Fellowship',
		kind: 'fellowship',
		format: 'blended',
		level: 'intermediate',
		scope: 'global',
		status: 'active',
		firstYear: 2014,
		summary:
			'A six-month fellowship for advocates and researchers defending rights online: mentoring, a research or campaign project, and a week at the global IGF.',
		about:
			"Fellows carry out a project of their own — research, a campaign, a tool — with a mentor from the foundation's network. Monthly calls bring the cohort together to discuss privacy, freedom of expression, surveillance and shutdowns.\n\nThe fellowship ends with a week at the global IGF, where fellows present their work and meet the people who make the decisions they study.",
		reach: { weight: 1.1 },
		schedule: {
			...YEARS,
			// Applications are open for the next edition.
			to: 2027,
			month: 5,
			days: 180,
			places: [
				['Geneva', 'CH'],
				['Guadalajara', 'MX'],
				['Geneva', 'CH'],
				['Berlin', 'DE'],
				['Paris', 'FR'],
				['Katowice', 'PL'],
				['Addis Ababa', 'ET'],
				['Kyoto', 'JP'],
				['Riyadh', 'SA'],
				['Oslo', 'NO'],
				['Lillestrøm', 'NO']
			]
		},
		coordinators: 2
	},
	{
		slug: 'next-generation-policy-fellowship',
		organisation: 'open-horizons',
		name: 'Next Generation Policy Fellowship',
		kind: 'fellowship',
		format: 'online',
		level: 'introductory',
		scope: 'global',
		status: 'active',
		firstYear: 2020,
		summary:
			'An online fellowship for people under 30 starting out in digital policy, with mentors, peer groups and a small grant to take part in their national or regional IGF.',
		about:
			'Started during the pandemic, when travel stopped, the fellowship helps young people find their way into policy work from where they live.\n\nFellows meet in small peer groups across regions, each with a mentor, and use a small grant to take part in — or help organise — their national or regional IGF.',
		reach: { weight: 1 },
		schedule: { from: 2020, to: 2027, month: 4, days: 150 },
		coordinators: 1
	},
	{
		slug: 'open-horizons-research-fellowship',
		organisation: 'open-horizons',
		name: 'Open Horizons Research Fellowship',
		kind: 'fellowship',
		format: 'in-situ',
		level: 'advanced',
		scope: 'global',
		status: 'closed',
		firstYear: 2013,
		summary:
			'A residential research fellowship on Internet policy (2013–2021), closed when the foundation moved its support to the Digital Rights and Next Generation fellowships.',
		about:
			"For nine years the research fellowship hosted researchers from the global South for three months of writing and exchange in Amsterdam.\n\nIts alumni remain an active group; their publications are kept in the foundation's library.",
		reach: { weight: 0.5 },
		schedule: {
			from: 2016,
			to: 2021,
			month: 9,
			days: 90,
			places: [['Amsterdam', 'NL']],
			onlineYears: [2020, 2021]
		},
		coordinators: 1
	},
	{
		slug: 'savanna-forum-youth-ambassadors',
		organisation: 'savanna-forum',
		name: 'Savanna Forum Youth Ambassadors',
		kind: 'ambassador-scheme',
		format: 'blended',
		level: 'introductory',
		scope: 'regional',
		status: 'active',
		firstYear: 2017,
		summary:
			'Young Africans prepared online for three months, then brought to the Savanna Forum to speak, report and organise sessions as ambassadors.',
		about:
			'Ambassadors follow an online preparatory course on the issues of the year, then take part in the Savanna Forum as rapporteurs, session organisers and speakers.\n\nAfter the forum they carry what they learnt home: many have started youth IGFs and school outreach in their countries.',
		reach: { areas: ['africa'], weight: 3 },
		schedule: {
			from: 2017,
			to: 2027,
			month: 6,
			days: 100,
			places: [
				['Nairobi', 'KE'],
				['Abuja', 'NG'],
				['Johannesburg', 'ZA'],
				['Kigali', 'RW'],
				['Accra', 'GH'],
				['Lilongwe', 'MW'],
				['Kampala', 'UG'],
				['Dakar', 'SN'],
				['Addis Ababa', 'ET'],
				['Lusaka', 'ZM']
			]
		},
		coordinators: 2
	},
	{
		slug: 'baobab-school-internet-governance',
		organisation: 'baobab-network',
		name: 'Baobab School of Internet Governance',
		kind: 'school-of-internet-governance',
		format: 'blended',
		level: 'intermediate',
		scope: 'regional',
		status: 'active',
		firstYear: 2013,
		summary:
			'The African regional school: five days of lectures, simulations and debate on Internet governance, after an online preparatory course, for participants from every African country.',
		about:
			'The school prepares Africans from government, business, civil society and the technical community to take part in Internet governance at home and abroad.\n\nIts **practicum** — a simulated multistakeholder negotiation on a real policy question — is the part alumni remember best.',
		reach: { areas: ['africa'], weight: 4 },
		schedule: {
			...YEARS,
			// Applications are open for the next edition.
			to: 2027,
			month: 7,
			days: 5,
			places: [
				['Johannesburg', 'ZA'],
				['Durban', 'ZA'],
				['Addis Ababa', 'ET'],
				['Sharm El Sheikh', 'EG'],
				['Kampala', 'UG'],
				['Dakar', 'SN'],
				['Nairobi', 'KE'],
				['Abuja', 'NG'],
				['Kigali', 'RW'],
				['Cotonou', 'BJ'],
				['Windhoek', 'NA']
			]
		},
		coordinators: 2
	},
	{
		slug: 'monsoon-school-internet-governance',
		organisation: 'monsoon-forum',
		name: 'Monsoon School of Internet Governance',
		kind: 'school-of-internet-governance',
		format: 'blended',
		level: 'intermediate',
		scope: 'regional',
		status: 'active',
		firstYear: 2014,
		summary:
			'The Asia-Pacific regional school: a week of lectures, role-play and site visits for participants from South, South-East and East Asia and the Pacific, hosted in a different economy each year.',
		about:
			"The Monsoon School brings together engineers, officials, researchers and advocates from one of the world's most diverse regions. Faculty come from the region's registries, regulators, universities and civil society.\n\nThe week ends with a role-play of a regional policy dispute, and each participant leaves with a plan for one thing to do at home.",
		reach: { areas: ['asia-pacific', 'pacific'], weight: 4 },
		schedule: {
			...YEARS,
			// Applications are open for the next edition.
			to: 2027,
			month: 8,
			days: 6,
			places: [
				['Bangkok', 'TH'],
				['Kathmandu', 'NP'],
				['Colombo', 'LK'],
				['Dhaka', 'BD'],
				['Kuala Lumpur', 'MY'],
				['Jakarta', 'ID'],
				['Manila', 'PH'],
				['New Delhi', 'IN'],
				['Suva', 'FJ'],
				['Ulaanbaatar', 'MN'],
				['Hanoi', 'VN']
			]
		},
		coordinators: 1
	},
	{
		slug: 'monsoon-youth-igf-ambassadors',
		organisation: 'monsoon-forum',
		name: 'Monsoon Youth IGF Ambassadors',
		kind: 'ambassador-scheme',
		format: 'online',
		level: 'introductory',
		scope: 'regional',
		status: 'active',
		firstYear: 2018,
		summary:
			'An online ambassador scheme for young people in Asia and the Pacific who want to take part in the regional and global IGF.',
		about:
			'Ambassadors follow a short online course, join a mentor, and report on the regional IGF for their peers.\n\nThe scheme pays particular attention to participants from least developed countries and small island states.',
		reach: { areas: ['asia-pacific', 'pacific'], weight: 2 },
		schedule: { from: 2018, to: 2026, month: 5, days: 90 },
		coordinators: 1
	},
	{
		slug: 'ceiba-school-internet-governance',
		organisation: 'ceiba-digital',
		name: 'Ceiba School of Internet Governance',
		kind: 'school-of-internet-governance',
		format: 'blended',
		level: 'intermediate',
		scope: 'regional',
		status: 'active',
		firstYear: 2015,
		summary:
			'The Latin American and Caribbean school: an online course followed by an intensive week, taught in Spanish, Portuguese and English, with fellowships for most participants.',
		about:
			"The Ceiba School has trained a generation of the region's digital-policy community. Lectures are interpreted between Spanish, Portuguese and English, and the Caribbean track runs its own sessions on small-island connectivity.\n\nMost participants receive a fellowship that covers travel and lodging.",
		reach: { areas: ['lac'], weight: 4 },
		schedule: {
			...YEARS,
			// Applications are open for the next edition.
			to: 2027,
			month: 4,
			days: 6,
			places: [
				['Montevideo', 'UY'],
				['Rio de Janeiro', 'BR'],
				['Ciudad de México', 'MX'],
				['Bogotá', 'CO'],
				['Port of Spain', 'TT'],
				['Santiago', 'CL'],
				['Lima', 'PE'],
				['San José', 'CR'],
				['Buenos Aires', 'AR'],
				['Santo Domingo', 'DO'],
				['Asunción', 'PY']
			],
			onlineYears: [2020, 2021]
		},
		coordinators: 2
	},
	{
		slug: 'qalam-school-internet-governance',
		organisation: 'qalam-centre',
		name: 'Qalam School of Internet Governance',
		kind: 'school-of-internet-governance',
		format: 'blended',
		level: 'intermediate',
		scope: 'regional',
		status: 'active',
		firstYear: 2017,
		summary:
			'The Arab regional school, taught in Arabic with English and French sessions: a week on Internet governance for participants from all Arab states.',
		about:
			'The school builds an Arab community of practice in Internet governance, with content in Arabic and faculty from the region.\n\nSessions on Arabic content, universal acceptance and Arabic domain names sit alongside cybersecurity and digital rights.',
		reach: { areas: ['arab'], weight: 4 },
		schedule: {
			from: 2017,
			to: 2027,
			month: 10,
			days: 5,
			places: [
				['Amman', 'JO'],
				['Tunis', 'TN'],
				['Beirut', 'LB'],
				['Cairo', 'EG'],
				['Rabat', 'MA'],
				['Amman', 'JO'],
				['Muscat', 'OM'],
				['Doha', 'QA'],
				['Tunis', 'TN'],
				['Amman', 'JO']
			]
		},
		coordinators: 1
	},
	{
		slug: 'caspian-black-sea-school',
		organisation: 'kura-institute',
		name: 'Caspian–Black Sea School of Internet Governance',
		kind: 'school-of-internet-governance',
		format: 'in-situ',
		level: 'intermediate',
		scope: 'regional',
		status: 'active',
		firstYear: 2016,
		summary:
			"A summer school for Eastern Europe, the Caucasus and Central Asia, taught in English and Russian, on Internet governance and the region's digital policy questions.",
		about:
			'A week in Tbilisi or a neighbouring capital, with lectures, a policy hackathon and visits to local Internet institutions.\n\nThe school keeps a bilingual alumni network that meets at the regional IGF.',
		reach: { areas: ['eeca'], weight: 4 },
		schedule: {
			...YEARS,
			month: 7,
			days: 6,
			places: [
				['Tbilisi', 'GE'],
				['Yerevan', 'AM'],
				['Tbilisi', 'GE'],
				['Chișinău', 'MD'],
				['Almaty', 'KZ'],
				['Tbilisi', 'GE'],
				['Baku', 'AZ'],
				['Bishkek', 'KG'],
				['Yerevan', 'AM'],
				['Tbilisi', 'GE'],
				['Tashkent', 'UZ']
			],
			onlineYears: [2020, 2021]
		},
		coordinators: 1
	},
	{
		slug: 'moana-school-internet-governance',
		organisation: 'vaka-digital',
		name: 'Moana School of Internet Governance',
		kind: 'school-of-internet-governance',
		format: 'blended',
		level: 'introductory',
		scope: 'regional',
		status: 'paused',
		firstYear: 2018,
		summary:
			'A school for the Pacific islands, paused in 2025 while its funding is renewed: online modules, then a week together in a Pacific capital.',
		about:
			'The school was built for small island states: connectivity through submarine cables and satellites, disaster resilience, and how small delegations can be heard in big meetings.\n\nIt is paused for 2025–2026 while Vaka renews its funding; alumni stay in touch through this network.',
		reach: { areas: ['pacific'], weight: 5 },
		schedule: {
			from: 2018,
			to: 2024,
			month: 9,
			days: 5,
			places: [
				['Suva', 'FJ'],
				['Apia', 'WS'],
				["Nuku'alofa", 'TO'],
				['Port Vila', 'VU'],
				['Suva', 'FJ'],
				['Honiara', 'SB'],
				['Port Moresby', 'PG']
			],
			onlineYears: [2020, 2021]
		},
		coordinators: 1
	},
	{
		slug: 'kilima-school-internet-governance',
		organisation: 'kilima-hub',
		name: 'Kilima School of Internet Governance',
		kind: 'school-of-internet-governance',
		format: 'in-situ',
		level: 'introductory',
		scope: 'national',
		status: 'active',
		firstYear: 2016,
		summary:
			'A national school in Kenya, held the week before the national IGF, for people from county and national government, business, civil society and universities.',
		about:
			"Three days of lectures and discussion on the Kenyan digital policy agenda, followed by participation in the national IGF.\n\nAlumni run county-level dialogues and many now sit on the national IGF's organising committee.",
		reach: { countries: ['KE'], weight: 6 },
		schedule: {
			...YEARS,
			// Applications are open for the next edition.
			to: 2027,
			month: 6,
			days: 3,
			places: [
				['Nairobi', 'KE'],
				['Mombasa', 'KE'],
				['Nairobi', 'KE'],
				['Kisumu', 'KE']
			],
			onlineYears: [2020]
		},
		coordinators: 1
	},
	{
		slug: 'escola-ipe-governanca-internet',
		organisation: 'instituto-ipe',
		name: 'Escola Ipê de Governança da Internet',
		kind: 'school-of-internet-governance',
		format: 'blended',
		level: 'intermediate',
		scope: 'national',
		status: 'active',
		firstYear: 2017,
		textLanguage: 'pt',
		summary:
			'Uma escola nacional de governança da Internet, em português: curso online seguido de uma semana presencial em Brasília sobre o modelo multissetorial brasileiro.',
		about:
			'A escola apresenta o ecossistema brasileiro de governança da Internet — seus princípios, instituições e debates — a pessoas de todos os setores.\n\nThe school is taught in Portuguese; international guests join some sessions in English.',
		reach: { countries: ['BR'], weight: 6 },
		schedule: {
			from: 2017,
			to: 2027,
			month: 8,
			days: 5,
			places: [['Brasília', 'BR']],
			onlineYears: [2020, 2021]
		},
		coordinators: 1
	},
	{
		slug: 'jit-course-cyber-norms',
		organisation: 'idcc-academy',
		name: 'Just-in-Time Course for Diplomats: Cyber Norms and International Security',
		kind: 'course',
		format: 'in-situ',
		level: 'intermediate',
		scope: 'global',
		status: 'active',
		firstYear: 2016,
		summary:
			'A three-day briefing for diplomats and delegates ahead of UN negotiations on responsible state behaviour in cyberspace, run before each substantive session.',
		about:
			'Designed for delegates who have just been handed the cyber file: the history of the negotiations, the agreed norms, confidence-building measures and capacity building, and the positions of regional groups.\n\nSessions are under the Chatham House rule and combine briefings with negotiation exercises.',
		reach: { weight: 0.5, diplomats: true },
		schedule: {
			...YEARS,
			month: 2,
			days: 3,
			terms: [
				['Spring', 2],
				['Summer', 6],
				['Autumn', 11]
			],
			places: [
				['Geneva', 'CH'],
				['New York', 'US']
			],
			onlineYears: [2020]
		},
		coordinators: 1
	},
	{
		slug: 'jit-course-data-digital-trade',
		organisation: 'idcc-academy',
		name: 'Just-in-Time Course for Diplomats: Data Governance and Digital Trade',
		kind: 'course',
		format: 'blended',
		level: 'advanced',
		scope: 'global',
		status: 'active',
		firstYear: 2019,
		summary:
			'A short course for trade and foreign-affairs officials on data flows, e-commerce rules and data governance, timed to the negotiations they follow.',
		about:
			'Two weeks of online preparation, then three days in Geneva working through the texts under negotiation: data flows, source code, consumer protection and development provisions.\n\nEditions are timed to the negotiation calendar, twice a year.',
		reach: { weight: 0.4, diplomats: true },
		schedule: {
			from: 2019,
			to: 2027,
			month: 3,
			days: 17,
			terms: [
				['Spring', 3],
				['Autumn', 10]
			],
			places: [['Geneva', 'CH']],
			onlineYears: [2020, 2021]
		},
		coordinators: 1
	},
	{
		slug: 'interlink-fellowship',
		organisation: 'interlink-alliance',
		name: 'Interlink Fellowship',
		kind: 'fellowship',
		format: 'in-situ',
		level: 'intermediate',
		scope: 'global',
		status: 'active',
		firstYear: 2012,
		summary:
			'Brings network engineers from developing countries to the Interlink technical meeting: travel support, a mentor and a track on the policy side of running infrastructure.',
		about:
			'Fellows attend the technical meeting — routing security, IPv6, DNS, Internet exchange points — with a mentor who introduces them to operators and registries.\n\nA policy track connects what they run to the discussions in Internet-governance fora.',
		reach: { weight: 0.8 },
		schedule: {
			...YEARS,
			// Applications are open for the next edition.
			to: 2027,
			month: 10,
			days: 5,
			places: [
				['Singapore', 'SG'],
				['Nairobi', 'KE'],
				['Panama City', 'PA'],
				['Bangkok', 'TH'],
				['Lisbon', 'PT'],
				['Kigali', 'RW'],
				['Montevideo', 'UY'],
				['Kathmandu', 'NP'],
				['Amman', 'JO'],
				['Cape Town', 'ZA'],
				['Bogotá', 'CO']
			],
			onlineYears: [2020]
		},
		coordinators: 1
	},
	{
		slug: 'interlink-policy-track',
		organisation: 'interlink-alliance',
		name: 'Interlink Policy Track for Engineers',
		kind: 'course',
		format: 'online',
		level: 'introductory',
		scope: 'global',
		status: 'active',
		firstYear: 2021,
		summary:
			'A four-week online course that introduces network engineers to Internet governance: where the decisions about the infrastructure they run are made, and how to take part.',
		about:
			"Four weeks on how the technical community takes part in policy: registries' policy development processes, regulators' consultations, the IGF and the standards bodies.\n\nEach week ends with a short case study from an operator in a developing country, discussed in small groups.",
		reach: { weight: 0.5 },
		schedule: { from: 2021, to: 2026, month: 9, days: 28 },
		coordinators: 1
	},
	{
		slug: 'qalam-online-course-arabic',
		organisation: 'qalam-centre',
		name: 'Qalam Online Course in Internet Governance (in Arabic)',
		kind: 'course',
		format: 'online',
		level: 'introductory',
		scope: 'regional',
		status: 'active',
		firstYear: 2018,
		summary:
			'An eight-week introductory course taught entirely in Arabic, for newcomers to Internet governance from across the Arab region; many participants go on to the Qalam School.',
		about:
			"Weekly lessons in Arabic cover the Internet's infrastructure, the actors of Internet governance, cybersecurity, data protection and access. Tutors from the region lead the discussions.\n\nThe course is the usual way into the Qalam School: its best participants are invited to the next edition.",
		reach: { areas: ['arab'], weight: 2.5 },
		schedule: { from: 2018, to: 2027, month: 2, days: 56 },
		coordinators: 1
	}
];

/** What a programme offers and what it is filed under, as the compendium shows it. */
export type CompendiumSpec = {
	components: string[];
	weeks: number;
	hours?: number;
	/** A fee as [amount, currency]; free when absent. */
	fee?: [number, string];
	fellowships?: string;
	/** Applications window as ISO dates; some are open on the demo world's "today" (2026-11). */
	applications?: [string, string];
	topics: string[];
	audiences: string[];
	languages: string[];
	regions?: string[];
	countries?: string[];
};

export const COMPENDIUM: Record<string, CompendiumSpec> = {
	'postgraduate-diploma-internet-governance': {
		components: ['online-learning', 'coaching-tutoring', 'research', 'peer-evaluation'],
		weeks: 36,
		hours: 10,
		fee: [3900, 'EUR'],
		fellowships: 'Partial fellowships for participants from developing countries.',
		applications: ['2026-09-01', '2026-12-15'],
		topics: [
			'technical-standards',
			'cybercrime',
			'privacy-and-data-protection',
			'jurisdiction',
			'data-governance',
			'digital-divide'
		],
		audiences: ['policy-makers', 'government-officials', 'diplomats', 'regulators'],
		languages: ['en']
	},
	'digital-policy-essentials': {
		components: ['online-learning', 'community-building'],
		weeks: 6,
		hours: 3,
		applications: ['2026-11-01', '2027-02-20'],
		topics: ['internet-access', 'cybercrime', 'privacy-and-data-protection', 'digital-literacy'],
		audiences: ['end-users', 'youth', 'teachers-and-educators'],
		languages: ['en', 'fr', 'es']
	},
	'open-horizons-digital-rights-fellowship': {
		components: ['coaching-tutoring', 'research', 'policy-immersion', 'community-building'],
		weeks: 26,
		hours: 8,
		fellowships: 'Every fellow receives a stipend and travel to the global IGF.',
		applications: ['2027-01-10', '2027-02-28'],
		topics: [
			'freedom-of-expression',
			'privacy-and-data-protection',
			'encryption',
			'womens-rights-online'
		],
		audiences: ['end-users', 'youth'],
		languages: ['en']
	},
	'next-generation-policy-fellowship': {
		components: ['online-learning', 'coaching-tutoring', 'community-building'],
		weeks: 21,
		hours: 5,
		fellowships: 'A small grant to attend a national or regional IGF.',
		applications: ['2026-10-15', '2026-12-31'],
		topics: ['digital-divide', 'capacity-development', 'freedom-of-expression', 'gender'],
		audiences: ['youth'],
		languages: ['en', 'es']
	},
	'open-horizons-research-fellowship': {
		components: ['research', 'coaching-tutoring', 'peer-evaluation'],
		weeks: 12,
		fellowships: 'Residency, travel and a research stipend.',
		topics: ['privacy-and-data-protection', 'content-moderation-law', 'intermediary-liability'],
		audiences: ['decision-makers', 'policy-makers'],
		languages: ['en']
	},
	'savanna-forum-youth-ambassadors': {
		components: ['online-learning', 'policy-immersion', 'community-building'],
		weeks: 14,
		hours: 4,
		fellowships: 'Travel and accommodation for the regional forum.',
		applications: ['2026-11-10', '2027-01-15'],
		topics: [
			'internet-access',
			'digital-divide',
			'digital-inclusion',
			'sustainable-development-goals'
		],
		audiences: ['youth'],
		languages: ['en', 'fr', 'sw'],
		regions: ['202']
	},
	'baobab-school-internet-governance': {
		components: ['online-learning', 'in-situ-learning', 'policy-immersion', 'community-building'],
		weeks: 1,
		hours: 12,
		fellowships: 'Travel fellowships for most participants.',
		applications: ['2027-02-01', '2027-03-31'],
		topics: [
			'internet-access',
			'data-governance',
			'cybercrime',
			'freedom-of-expression',
			'digital-public-infrastructure'
		],
		audiences: ['policy-makers', 'regulators', 'youth', 'entrepreneurs-and-smes'],
		languages: ['en', 'fr', 'pt'],
		regions: ['002']
	},
	'monsoon-school-internet-governance': {
		components: [
			'online-learning',
			'in-situ-learning',
			'training-for-trainers',
			'community-building'
		],
		weeks: 1,
		hours: 10,
		fee: [150, 'USD'],
		fellowships:
			'Fee waivers and travel support for participants from LDCs and small island states.',
		applications: ['2026-10-20', '2026-12-20'],
		topics: [
			'ip-numbers-and-ipv6',
			'domain-name-system',
			'cybercrime',
			'internet-access',
			'multilingualism'
		],
		audiences: ['policy-makers', 'regulators', 'youth'],
		languages: ['en'],
		regions: ['142', '009']
	},
	'monsoon-youth-igf-ambassadors': {
		components: ['online-learning', 'policy-immersion'],
		weeks: 13,
		hours: 3,
		topics: ['digital-inclusion', 'childrens-rights', 'digital-literacy'],
		audiences: ['youth'],
		languages: ['en'],
		regions: ['142', '009']
	},
	'ceiba-school-internet-governance': {
		components: ['online-learning', 'in-situ-learning', 'coaching-tutoring', 'community-building'],
		weeks: 1,
		hours: 8,
		fellowships: 'Becas de viaje / travel fellowships for most participants.',
		applications: ['2026-12-01', '2027-02-28'],
		topics: [
			'internet-access',
			'net-neutrality',
			'privacy-and-data-protection',
			'digital-inclusion'
		],
		audiences: ['policy-makers', 'end-users', 'youth', 'local-authorities'],
		languages: ['es', 'pt', 'en'],
		regions: ['419']
	},
	'qalam-school-internet-governance': {
		components: ['online-learning', 'in-situ-learning', 'policy-immersion'],
		weeks: 1,
		hours: 15,
		fellowships: 'Full fellowships for selected participants.',
		applications: ['2026-11-01', '2026-12-10'],
		topics: ['multilingualism', 'cybercrime', 'privacy-and-data-protection', 'digital-government'],
		audiences: ['government-officials', 'policy-makers', 'youth'],
		languages: ['ar', 'en', 'fr'],
		regions: ['015', '145']
	},
	'caspian-black-sea-school': {
		components: ['in-situ-learning', 'policy-immersion', 'community-building'],
		weeks: 1,
		hours: 35,
		fee: [200, 'EUR'],
		fellowships: 'Travel grants for participants from Central Asia.',
		topics: [
			'cybercrime',
			'critical-infrastructure-protection',
			'freedom-of-expression',
			'domain-name-system'
		],
		audiences: ['policy-makers', 'government-officials', 'youth'],
		languages: ['en', 'ru'],
		regions: ['151', '143', '145']
	},
	'moana-school-internet-governance': {
		components: ['online-learning', 'in-situ-learning', 'community-building'],
		weeks: 1,
		hours: 10,
		fellowships: 'Travel for every participant from the Pacific islands.',
		topics: [
			'telecommunications-infrastructure',
			'internet-access',
			'environment-and-e-waste',
			'cultural-diversity'
		],
		audiences: ['end-users', 'local-authorities', 'youth'],
		languages: ['en', 'fr'],
		regions: ['054', '057', '061']
	},
	'kilima-school-internet-governance': {
		components: ['in-situ-learning', 'community-building'],
		weeks: 1,
		hours: 24,
		applications: ['2026-11-15', '2027-01-31'],
		topics: [
			'internet-access',
			'digital-government',
			'privacy-and-data-protection',
			'ict-for-development'
		],
		audiences: ['local-authorities', 'youth', 'entrepreneurs-and-smes'],
		languages: ['en', 'sw'],
		countries: ['KE']
	},
	'escola-ipe-governanca-internet': {
		components: ['online-learning', 'in-situ-learning', 'research'],
		weeks: 1,
		hours: 6,
		fee: [600, 'BRL'],
		fellowships: 'Bolsas integrais para estudantes de baixa renda.',
		applications: ['2027-01-15', '2027-03-01'],
		topics: [
			'net-neutrality',
			'privacy-and-data-protection',
			'intermediary-liability',
			'content-moderation-law'
		],
		audiences: ['policy-makers', 'youth', 'teachers-and-educators'],
		languages: ['pt'],
		countries: ['BR']
	},
	'jit-course-cyber-norms': {
		components: ['in-situ-learning', 'policy-immersion'],
		weeks: 1,
		hours: 30,
		fellowships: 'Funded places for delegates of LDCs and SIDS.',
		topics: [
			'cyberconflict-and-warfare',
			'international-law-in-cyberspace',
			'confidence-building-measures'
		],
		audiences: ['diplomats', 'government-officials'],
		languages: ['en', 'fr', 'es']
	},
	'jit-course-data-digital-trade': {
		components: ['online-learning', 'in-situ-learning', 'policy-immersion'],
		weeks: 3,
		hours: 10,
		fellowships: 'Funded places for delegates of LDCs.',
		applications: ['2026-11-01', '2026-11-30'],
		topics: ['e-commerce-and-trade', 'data-governance', 'taxation'],
		audiences: ['diplomats', 'decision-makers'],
		languages: ['en']
	},
	'interlink-fellowship': {
		components: ['in-situ-learning', 'coaching-tutoring', 'policy-immersion'],
		weeks: 1,
		fellowships: 'Travel, accommodation and a mentor for every fellow.',
		applications: ['2026-12-01', '2027-01-31'],
		topics: [
			'ip-numbers-and-ipv6',
			'domain-name-system',
			'telecommunications-infrastructure',
			'technical-standards'
		],
		audiences: ['entrepreneurs-and-smes', 'regulators'],
		languages: ['en']
	},
	'interlink-policy-track': {
		components: ['online-learning', 'peer-evaluation'],
		weeks: 4,
		hours: 2,
		topics: ['technical-standards', 'net-neutrality', 'root-zone-and-root-servers'],
		audiences: ['end-users', 'entrepreneurs-and-smes'],
		languages: ['en']
	},
	'qalam-online-course-arabic': {
		components: ['online-learning', 'coaching-tutoring'],
		weeks: 8,
		hours: 3,
		applications: ['2026-11-01', '2027-01-10'],
		topics: ['technical-standards', 'cybercrime', 'privacy-and-data-protection', 'internet-access'],
		audiences: ['youth', 'end-users'],
		languages: ['ar'],
		regions: ['015', '145']
	}
};

/** Who a programme is for and how it runs, from its fields: the last part of its description. */
export function describe(p: Programme): string {
	const where =
		p.format === 'online'
			? 'entirely online'
			: p.format === 'blended'
				? 'online, then in person'
				: 'in person';
	const who = p.reach.countries
		? 'people living in the country'
		: p.reach.areas
			? 'people from the region'
			: 'people from anywhere in the world';
	return `${p.about}\n\n## Who it is for\n\nThe programme is ${p.level === 'introductory' ? 'open to newcomers' : `at ${p.level} level`} and takes ${who}, from every stakeholder group. Places are limited and selection balances regions, gender and stakeholder groups.\n\n## How it runs\n\nIt runs ${where}. See the cohorts below for each edition's dates and place.`;
}

export type CohortSpec = {
	programme: string;
	edition: string;
	startsOn: string;
	endsOn: string;
	place: string | null;
	country: string | null;
	online: boolean;
};

/** A programme's editions: one a year (or one per term), none starting after 2027. */
export function cohortsOf(p: Programme): CohortSpec[] {
	const { from, to, terms, month, days, places, onlineYears = [2020] } = p.schedule;
	const cohorts: CohortSpec[] = [];
	const editions: [string | null, number][] = terms ?? [[null, month]];
	for (let year = from; year <= Math.min(to, 2027); year++) {
		for (const [label, termMonth] of editions) {
			const edition = label ? `${year} — ${label}` : String(year);
			// Dates differ from year to year but never from run to run.
			const day = 1 + Math.floor(rngFor('cohort', p.slug, edition)() * 20);
			const start = new Date(Date.UTC(year, termMonth - 1, day));
			const end = new Date(start.getTime() + (days - 1) * 86_400_000);
			const host = places?.[(year - from) % places.length];
			const inPerson = p.format !== 'online' && !onlineYears.includes(year) ? host : undefined;
			cohorts.push({
				programme: p.slug,
				edition,
				startsOn: start.toISOString().slice(0, 10),
				endsOn: end.toISOString().slice(0, 10),
				place: inPerson?.[0] ?? null,
				country: inPerson?.[1] ?? null,
				online: !inPerson
			});
		}
	}
	return cohorts;
}

/** A programme as the seeder knows it once written: with its id and its cohorts' ids. */
export type Cohort = CohortSpec & { id: string; start: Date; end: Date };
export type WorldProgramme = Programme & { id: string; cohorts: Cohort[] };

/** Editions whose participants can be verified: over by the demo world's "today". */
export const graduated = (p: WorldProgramme) => p.cohorts.filter((c) => c.end < REFERENCE_DATE);

export function reaches(p: Programme, place: Place): boolean {
	if (p.reach.countries) return p.reach.countries.includes(place.code);
	return !p.reach.areas || p.reach.areas.includes(place.area);
}

// ─── As table rows (ids derive from slugs, whatever the seed) ───────────────────────────────────

type Known = (code: string | null) => string | null;

export function organisationRows(known: Known, group: Known) {
	return ORGANISATIONS.map((o) => ({
		id: uuidFor('organisation', o.slug),
		slug: o.slug,
		name: o.name,
		short_name: o.shortName,
		stakeholder_group: group(o.stakeholderGroup),
		country_code: known(o.country),
		website: `https://${o.slug}.example.org`,
		description: o.description
	}));
}

export function programmeRows(organisationIds: Map<string, string>) {
	return PROGRAMMES.map((p) => ({
		id: uuidFor('programme', p.slug),
		slug: p.slug,
		organisation_id: organisationIds.get(p.organisation)!,
		name: p.name,
		kind: p.kind,
		summary: p.summary,
		description: describe(p),
		text_language: p.textLanguage ?? 'en',
		format: p.format,
		level: p.level,
		scope: p.scope,
		website: `https://${p.organisation}.example.org/${p.slug}`,
		status: p.status,
		first_year: p.firstYear,
		...offerOf(p.slug)
	}));
}

function offerOf(slug: string) {
	const o = COMPENDIUM[slug]!;
	return {
		components: o.components,
		duration_weeks: o.weeks,
		hours_per_week: o.hours ?? null,
		cost: o.fee ? 'fee' : 'free',
		fee_amount: o.fee?.[0] ?? null,
		fee_currency: o.fee?.[1] ?? null,
		fellowships_available: !!o.fellowships,
		fellowship_notes: o.fellowships ?? null,
		applications_open_on: o.applications?.[0] ?? null,
		applications_close_on: o.applications?.[1] ?? null
	};
}

/** The facet rows of every programme (topics, target groups, languages, regions, countries). */
export function facetRows(programmeIds: Map<string, string>) {
	const rows = <K extends string>(column: K, pick: (o: CompendiumSpec) => string[] | undefined) =>
		PROGRAMMES.flatMap((p) =>
			(pick(COMPENDIUM[p.slug]!) ?? []).map(
				(value) =>
					({ programme_id: programmeIds.get(p.slug)!, [column]: value }) as Record<string, string>
			)
		);
	return {
		'public.programme_topics': rows('topic_slug', (o) => o.topics),
		'public.programme_target_groups': rows('target_group_slug', (o) => o.audiences),
		'public.programme_languages': rows('language_code', (o) => o.languages),
		'public.programme_regions': rows('region_code', (o) => o.regions),
		'public.programme_countries': rows('country_code', (o) => o.countries)
	};
}

export function cohortRows(programmeIds: Map<string, string>, known: Known) {
	return PROGRAMMES.flatMap(cohortsOf).map((c) => ({
		id: uuidFor('cohort', c.programme, c.edition),
		programme_id: programmeIds.get(c.programme)!,
		edition: c.edition,
		starts_on: c.startsOn,
		ends_on: c.endsOn,
		place: c.place,
		country_code: known(c.country),
		online: c.online
	}));
}

// ─── Profile words ───────────────────────────────────────────────────────────────────────────────

export const HEADLINES: Record<string, string[]> = {
	government: [
		'Policy officer, Ministry of ICT and Innovation',
		'Senior counsellor, Permanent Mission to the United Nations',
		'Head of international affairs, national communications regulator',
		'Legal adviser, data protection authority',
		'Director of digital transformation, Ministry of Public Service',
		'Analyst, national cybersecurity agency',
		'Diplomat covering digital issues, Ministry of Foreign Affairs',
		'Spectrum and licensing officer, telecommunications regulator',
		'E-government programme manager',
		'Parliamentary researcher on technology policy'
	],
	'civil-society': [
		'Programme manager at a digital rights NGO',
		'Researcher, digital rights',
		'Founder of a community network',
		'Campaigner for affordable access',
		'Policy lead at a women-in-tech organisation',
		'Coordinator of a youth IGF initiative',
		'Journalist covering technology and society',
		'Trainer in digital security for human-rights defenders',
		'Advocate for accessibility online',
		'Open-data and transparency activist'
	],
	academia: [
		'Lecturer in information law',
		'PhD candidate in communication studies',
		'Researcher, Internet measurement',
		'Professor of international relations',
		'Postdoctoral fellow in science and technology studies',
		'Research associate, centre for Internet and society',
		'Lecturer in computer science and ethics',
		'Doctoral researcher on platform governance'
	],
	'technical-community': [
		'Network engineer at a national research and education network',
		'DNS operations engineer at a country-code registry',
		'Routing security specialist',
		'Manager of an Internet exchange point',
		'Security researcher at a national CERT',
		'Standards contributor and software engineer',
		'Community lead at a regional Internet registry',
		'Systems administrator, university network'
	],
	'private-sector': [
		'Public policy manager at a mobile operator',
		'Regulatory affairs lead, submarine cable consortium',
		'Founder of a fintech start-up',
		'Privacy counsel at a software company',
		'Government relations, cloud services provider',
		'Chief executive of an Internet service provider',
		'Consultant on digital transformation',
		'Trust and safety policy lead at a platform'
	],
	'intergovernmental-organisation': [
		'Programme officer, regional economic community',
		'Digital development specialist at a development bank',
		'Policy analyst, intergovernmental council secretariat',
		'Capacity-building coordinator, regional telecommunications organisation',
		'Consultant to a UN agency on digital cooperation',
		'Project manager, digital trade programme'
	]
};

/** Each appears in about a third of bios: the full-text search benchmark relies on it. */
export const COMMON_TOPICS = ['cybersecurity', 'data protection', 'digital inclusion'];

export const RARE_TOPICS = [
	'community networks',
	'Internet exchange points',
	'DNS abuse',
	'universal acceptance',
	'IPv6 deployment',
	'content moderation',
	'platform accountability',
	'AI governance',
	'child online protection',
	'spectrum management',
	'digital identity',
	'open data',
	'net neutrality',
	'the WSIS process',
	'encryption policy',
	'misinformation',
	'gender and technology',
	'accessibility',
	'submarine cables',
	'routing security',
	'e-commerce',
	'cross-border data flows',
	'Internet shutdowns',
	'surveillance reform',
	'multilingualism online',
	'e-waste',
	'digital public infrastructure',
	'competition in digital markets',
	'online freedom of expression',
	'satellite connectivity',
	'the digital divide in rural areas',
	'cyber diplomacy',
	'digital trade rules',
	'youth participation'
];

export const BIO_INTROS: Record<string, string[]> = {
	government: [
		'{first} works in government on digital policy and represents the ministry in regional meetings.',
		'{first} advises policy makers on the regulation of electronic communications.',
		'{first} drafts national strategies and laws on the digital economy.',
		'I work for a public institution and follow international negotiations on technology.',
		'I am a civil servant working on how public services go online.',
		'I lead a small team at a regulator that answers consultations from three ministries.'
	],
	'civil-society': [
		'{first} works with a non-profit organisation on rights and technology.',
		'{first} has spent a decade in civil society, first as a volunteer and now leading programmes.',
		'{first} runs trainings and campaigns with grassroots groups.',
		'I organise with local groups so that communities have a say in how the Internet is run.',
		'I work at a small NGO where everyone does a bit of everything.',
		'I am an advocate and trainer working with community organisations.'
	],
	academia: [
		'{first} teaches and researches at a university.',
		'{first} studies the politics of technology and supervises graduate students.',
		'{first} is writing a doctoral thesis on multistakeholder governance.',
		'I am a researcher interested in how the Internet is governed and by whom.',
		'I teach law and technology to undergraduates and practitioners.',
		'I am a lecturer who brings policy questions into computer science classes.'
	],
	'technical-community': [
		"{first} keeps networks running and takes part in the technical community's policy processes.",
		'{first} works in Internet operations and contributes to open standards.',
		'{first} manages infrastructure at a registry and follows its policy development process.',
		'I am an engineer who got into policy because the decisions kept landing on my network.',
		'I run the network of a university and volunteer with the local operators group.',
		'I build and maintain open-source tools used by network operators.'
	],
	'private-sector': [
		'{first} works in the private sector on regulatory and public-policy questions.',
		'{first} represents industry in multistakeholder consultations.',
		'{first} advises companies on compliance and public policy.',
		'I run a small technology company and care about the rules that shape our market.',
		'I work in public policy at a telecommunications company.',
		'I am an entrepreneur building services for people on low-cost phones.'
	],
	'intergovernmental-organisation': [
		'{first} works for an intergovernmental organisation on digital development.',
		'{first} coordinates regional projects on connectivity and digital skills.',
		'{first} prepares the meetings where member states agree on digital-policy texts.',
		'I support member states in building their digital-policy capacity.',
		'I work on technical assistance programmes for ministries and regulators.'
	]
};

export const BIO_FOCUS = [
	'My work focuses on {topics}.',
	'Current interests: {topics}.',
	'Topics: {topics}.',
	'I write and speak about {topics}.',
	'Most of my time goes to {topics}.',
	'{first} mostly works on {topics}.',
	'Over the last few years {first} has concentrated on {topics}.',
	"{first}'s recent work covers {topics}."
];

export const BIO_PROGRAMME = [
	'Took part in the {programme} in {year}.',
	'Former participant of the {programme} ({year}).',
	'The {programme} ({year}) was where it all started.',
	'Joined the {year} edition of the {programme} and stayed in touch with the cohort.',
	'Came to Internet governance through the {programme} ({year}).'
];

export const BIO_CLOSINGS = [
	'Based in {city}.',
	'Happy to connect with people working on {rare} in other regions.',
	'Member of the national IGF multistakeholder advisory group.',
	'Mentor for newcomers to Internet governance.',
	'Looking for partners for a regional study on {rare}.',
	'Speaks at national and regional IGFs when time allows.',
	'Open to co-organising a session on {rare} at the next IGF.',
	'Writes a newsletter on digital policy from {city}.',
	'Volunteers with the youth IGF.',
	'Always keen to review drafts and swap reading lists.'
];

/** 2–4 sentences in one voice; each common topic lands in about a third of bios. */
export function bioOf(
	rng: Rng,
	group: string,
	given: string,
	city: string,
	first: { name: string; year: number }
): string {
	const voice = rng() < 0.5 ? 'first' : 'third';
	const fits = (t: string) =>
		t.includes('{first}') ? voice === 'third' : !/\b(I|[Mm]y|me)\b/.test(t) || voice === 'first';
	const say = (templates: string[]) => pick(rng, templates.filter(fits));
	const rare = [pick(rng, RARE_TOPICS), pick(rng, RARE_TOPICS)];
	const topics = COMMON_TOPICS.filter(() => rng() < 0.33);
	topics.push(...new Set(rare.slice(0, rng() < 0.6 ? 1 : 2)));
	const sentences = [
		say(BIO_INTROS[group] ?? BIO_INTROS['civil-society']!),
		say(BIO_FOCUS).replace('{topics}', listed(shuffled(rng, topics)))
	];
	if (rng() < 0.7) sentences.push(say(BIO_PROGRAMME));
	if (rng() < 0.5) sentences.push(say(BIO_CLOSINGS));
	return sentences
		.join(' ')
		.replaceAll('{first}', given)
		.replaceAll('{programme}', first.name)
		.replaceAll('{year}', String(first.year))
		.replaceAll('{city}', city)
		.replaceAll('{rare}', pick(rng, RARE_TOPICS));
}

function shuffled<T>(rng: Rng, items: T[]): T[] {
	return items
		.map((item) => ({ item, key: rng() }))
		.sort((a, b) => a.key - b.key)
		.map((x) => x.item);
}

function listed(items: string[]): string {
	return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export const DECLINE_REASONS = [
	'We could not find you on the participant list for this edition. Write to us if you took part under another name.',
	'Our records show you in a different edition; please claim that one instead.',
	'This edition was for staff of member institutions only.',
	'Duplicate of an earlier claim.'
];

// ─── The demo accounts' profiles (accounts themselves: demo-accounts.ts) ─────────────────────────

export type DemoClaim = {
	programme: string;
	/** Null for a role in the programme as a whole. */
	edition: string | null;
	role: 'alumnus' | 'trainer' | 'coordinator';
	status: 'pending' | 'verified';
};

export type DemoProfile = {
	city: string;
	headline: string;
	bio: string;
	joined: string;
	claims: DemoClaim[];
};

const claim = (
	programme: string,
	edition: string | null,
	role: DemoClaim['role'],
	status: DemoClaim['status'] = 'verified'
): DemoClaim => ({ programme, edition, role, status });

export const DEMO_PROFILES: Record<string, DemoProfile> = {
	'amina@example.org': {
		city: 'Dakar',
		headline: 'Programme manager at a digital rights NGO',
		bio: 'Amina leads a programme on data protection and digital inclusion for women-led community groups in West Africa. She came to Internet governance through the Baobab School and a fellowship year on surveillance reform. Happy to talk about community networks and how small organisations can take part in their national IGF.',
		joined: '2023-03-14',
		claims: [
			claim('baobab-school-internet-governance', '2019', 'alumnus'),
			claim('open-horizons-digital-rights-fellowship', '2022', 'alumnus'),
			claim('savanna-forum-youth-ambassadors', '2018', 'alumnus', 'pending')
		]
	},
	'tomas@example.org': {
		city: 'Santiago',
		headline: 'Lecturer in information law',
		bio: 'Tomás teaches information law and researches platform accountability and cross-border data flows in Latin America. He has taught the data-governance module of the Ceiba School for several years, gives the Baobab School’s session on data protection, and tutors on the postgraduate diploma. Former research fellow, always glad to read drafts in Spanish or English.',
		joined: '2022-09-02',
		claims: [
			claim('open-horizons-research-fellowship', '2017', 'alumnus'),
			claim('ceiba-school-internet-governance', null, 'trainer'),
			claim('postgraduate-diploma-internet-governance', '2025', 'trainer'),
			claim('baobab-school-internet-governance', null, 'trainer')
		]
	},
	'priya@example.org': {
		city: 'Bengaluru',
		headline: 'Coordinator, Monsoon School of Internet Governance',
		bio: 'Priya is a network engineer turned programme coordinator. She runs the Monsoon School of Internet Governance, where she once took part herself, and works on IPv6 deployment and routing security with operators across South Asia. Ask her about the school’s next edition or its alumni mentoring scheme.',
		joined: '2022-05-20',
		claims: [
			claim('monsoon-school-internet-governance', null, 'coordinator'),
			claim('monsoon-school-internet-governance', '2016', 'alumnus'),
			claim('interlink-fellowship', '2018', 'alumnus')
		]
	},
	'kwame@example.org': {
		city: 'Accra',
		headline: 'Director of digital transformation, Ministry of Communications',
		bio: 'Kwame works on national cybersecurity strategy and e-government services. A former youth ambassador, he now follows the UN cyber negotiations for his ministry and mentors this year’s ambassadors. Interested in digital public infrastructure and in how governments work with their national IGF.',
		joined: '2023-11-08',
		claims: [
			claim('savanna-forum-youth-ambassadors', '2017', 'alumnus'),
			claim('jit-course-cyber-norms', '2021 — Autumn', 'alumnus')
		]
	},
	'leilani@example.org': {
		city: "Nuku'alofa",
		headline: 'Digital development specialist, regional intergovernmental organisation',
		bio: 'Leilani supports Pacific island governments on connectivity, submarine cables and disaster resilience. An alumna of the Moana School and the postgraduate diploma, she looks after this platform as one of its administrators. Keen to hear from anyone working on digital inclusion in small island states.',
		joined: '2022-02-11',
		claims: [
			claim('moana-school-internet-governance', '2019', 'alumnus'),
			claim('postgraduate-diploma-internet-governance', '2021', 'alumnus')
		]
	}
};
