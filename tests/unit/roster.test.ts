import { describe, expect, it } from 'vitest';
import { readRoster, rosterKey, ROSTER_MAX_ROWS } from '$lib/server/invitations/roster';
import { inLocale } from '../support/locale';

const cohorts = [
	{ id: 'c2023', edition: '2023' },
	{ id: 'c2021a', edition: '2021 — Autumn' }
];
const utf8 = (text: string) => new TextEncoder().encode(text);
const read = (text: string, taken?: Set<string>) => readRoster(utf8(text), { cohorts, taken });

describe('readRoster', () => {
	it('reads good rows with their line numbers, cohorts matched by edition', () => {
		const { rows, problems } = read(
			'name,email,role,cohort\nAmina Diallo,Amina@Example.org,alumna,2023\nTomás Rojas,tomas@example.org,Trainer,\n'
		);
		expect(problems).toEqual([]);
		expect(rows).toEqual([
			{
				line: 2,
				name: 'Amina Diallo',
				email: 'amina@example.org',
				role: 'alumnus',
				cohort_id: 'c2023',
				cohort_edition: '2023'
			},
			{
				line: 3,
				name: 'Tomás Rojas',
				email: 'tomas@example.org',
				role: 'trainer',
				cohort_id: null,
				cohort_edition: null
			}
		]);
	});

	it('reports a line with a NUL in one of its cells and imports the others', () => {
		const { rows, problems } = read(
			'name,email,role,cohort\nAmina\0Diallo,amina@example.org,alumna,2023\nTomás Rojas,tomas@example.org,trainer,\n'
		);
		expect(rows.map((r) => r.email)).toEqual(['tomas@example.org']);
		expect(problems).toEqual([
			{ line: 2, reason: 'the name contains a character that is not allowed (a NUL byte)' }
		]);
	});

	it('reports every bad row by line number and keeps the good ones', () => {
		const { rows, problems } = read(
			[
				'name,email,role,cohort',
				'Good One,one@example.org,alumnus,2023',
				'No Mail,,alumnus,2023',
				'Bad Mail,not-an-address,alumnus,2023',
				'Good One Again,ONE@example.org,alumnus,2023',
				'Lost,lost@example.org,alumnus,1999',
				'Odd,odd@example.org,speaker,2023',
				'Good Two,two@example.org,coordinator,2021 — autumn',
				''
			].join('\r\n')
		);
		expect(rows.map((r) => r.line)).toEqual([2, 8]);
		expect(problems).toEqual([
			{ line: 3, reason: 'the e-mail address is missing' },
			{ line: 4, reason: '“not-an-address” is not a valid e-mail address' },
			{ line: 5, reason: 'the same person, role and cohort as line 2' },
			{ line: 6, reason: 'unknown cohort “1999” for this programme' },
			{ line: 7, reason: 'unknown role “speaker” (use alumnus, trainer or coordinator)' }
		]);
	});

	it('reports a line that is not UTF-8 and reads the rest', () => {
		const head = utf8('name,email,role,cohort\nGood,good@example.org,alumnus,2023\n');
		// "José" in Latin-1: 0xE9 alone is not UTF-8.
		const latin1 = new Uint8Array([
			...utf8('Jos'),
			0xe9,
			...utf8(',jose@example.org,alumnus,2023\n')
		]);
		const tail = utf8('Also good,also@example.org,trainer,\n');
		const { rows, problems } = readRoster(new Uint8Array([...head, ...latin1, ...tail]), {
			cohorts
		});
		expect(rows.map((r) => r.line)).toEqual([2, 4]);
		expect(problems).toEqual([{ line: 3, reason: expect.stringContaining('not UTF-8') }]);
	});

	it('refuses a UTF-16 file at its first line', () => {
		const bytes = new Uint8Array([0xff, 0xfe, ...utf8('n\0a\0m\0e\0')]);
		const { rows, problems } = readRoster(bytes, { cohorts });
		expect(rows).toEqual([]);
		expect(problems).toEqual([{ line: 1, reason: expect.stringContaining('not UTF-8') }]);
	});

	it('drops a byte-order mark and accepts the columns in any order, cohort optional', () => {
		const { rows, problems } = read('\uFEFFEmail,Role,Name\nx@example.org,alumnus,X\n');
		expect(problems).toEqual([]);
		expect(rows).toMatchObject([{ line: 2, email: 'x@example.org', cohort_id: null }]);
	});

	it('skips blank lines without shifting line numbers', () => {
		const { rows } = read('name,email,role,cohort\n\n\nA,a@example.org,alumnus,2023\n');
		expect(rows.map((r) => r.line)).toEqual([4]);
	});

	it('handles quoted values, and a broken quote costs only its line', () => {
		const { rows, problems } = read(
			'name,email,role,cohort\n"Diallo, Amina",amina@example.org,alumnus,2023\n"Broken,b@example.org,alumnus,2023\nC,c@example.org,alumnus,2023\n'
		);
		expect(rows.map((r) => [r.line, r.name])).toEqual([
			[2, 'Diallo, Amina'],
			[4, 'C']
		]);
		expect(problems).toEqual([{ line: 3, reason: 'a quote is not closed or misplaced' }]);
	});

	it('reports people already invited or members', () => {
		const taken = new Set([rosterKey('a@example.org', 'alumnus', 'c2023')]);
		const { rows, problems } = read(
			'name,email,role,cohort\nA,a@example.org,alumnus,2023\nA,a@example.org,trainer,2023\n',
			taken
		);
		expect(rows.map((r) => r.line)).toEqual([3]);
		expect(problems).toEqual([{ line: 2, reason: expect.stringContaining('already invited') }]);
	});

	it.each([
		['', 'The file is empty.'],
		['first,last\nA,B\n', 'the first line must name the columns: name,email,role,cohort'],
		['name,email,role,cohort\n', 'there are no people after the header line']
	])('refuses a file that is not a roster: %j', (text, reason) => {
		expect(read(text)).toEqual({ rows: [], problems: [{ line: expect.any(Number), reason }] });
	});

	it('combines several reasons for one row', () => {
		const { problems } = read('name,email,role,cohort\nX,,,1999\n');
		expect(problems).toEqual([
			{
				line: 2,
				reason:
					'the e-mail address is missing; the role is missing (alumnus, trainer or coordinator); unknown cohort “1999” for this programme'
			}
		]);
	});

	it('reads a file with semicolons between its columns, as Excel writes CSV in many countries', () => {
		const { rows, problems } = read(
			'Name;Email;Role;Cohort\r\n"Diallo; Amina";amina@example.org;alumna;2023\r\nLuis;luis@example.org;trainer;;\r\n'
		);
		expect(problems).toEqual([]);
		expect(rows.map((r) => [r.name, r.email, r.role, r.cohort_id])).toEqual([
			['Diallo; Amina', 'amina@example.org', 'alumnus', 'c2023'],
			['Luis', 'luis@example.org', 'trainer', null]
		]);
	});

	it('reports a line with more columns than the header as such, not as a bad value', () => {
		const { rows, problems } = read(
			'name,email,role\nAmina,amina@example.org,alumna,2023,extra\nLuis,luis@example.org,trainer,,\n'
		);
		expect(problems).toEqual([
			{ line: 2, reason: 'this line has 5 columns; the header line has 3' }
		]);
		expect(rows.map((r) => r.email)).toEqual(['luis@example.org']);
	});

	it('caps the number of rows', () => {
		const body = Array.from(
			{ length: ROSTER_MAX_ROWS + 1 },
			(_, i) => `P${i},p${i}@example.org,alumnus,`
		);
		const { rows, problems } = read(['name,email,role,cohort', ...body].join('\n'));
		expect(rows).toHaveLength(ROSTER_MAX_ROWS);
		expect(problems).toEqual([
			{ line: ROSTER_MAX_ROWS + 2, reason: expect.stringContaining('at most') }
		]);
	});

	it('says what is wrong in the language of the page', async () => {
		const text = 'name,email,role,cohort\nX,,speaker,1999\n';
		expect((await inLocale('fr', () => read(text))).problems).toEqual([
			{
				line: 2,
				reason:
					'l’adresse e-mail manque; rôle inconnu « speaker » (utilisez alumnus, trainer ou coordinator); promotion « 1999 » inconnue pour ce programme'
			}
		]);
		expect((await inLocale('ar', () => read('name,email,role,cohort\n'))).problems).toEqual([
			{ line: 2, reason: 'لا يوجد أشخاص بعد سطر العناوين' }
		]);
	});
});
