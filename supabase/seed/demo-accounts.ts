/**
 * The known accounts of the demo world, for trying the product. They share one password, printed
 * at start and in the README. Never load the demo world into a database real people use.
 */
export const DEMO_PASSWORD = 'commons-demo-2026';

export type DemoAccount = {
	email: string;
	displayName: string;
	/** What the account is for, as printed at start. */
	label: string;
	/** What the account can do. */
	role: 'alumnus' | 'trainer' | 'coordinator' | 'admin';
	/** A platform role beside it: a moderator keeps every space that is not private. */
	platformRole?: 'moderator';
	country: string;
	stakeholderGroup: string;
	timeZone: string;
};

export const DEMO_ACCOUNTS: DemoAccount[] = [
	{
		email: 'amina@example.org',
		displayName: 'Amina Diallo',
		label: 'alumna',
		role: 'alumnus',
		country: 'SN',
		stakeholderGroup: 'civil-society',
		timeZone: 'Africa/Dakar'
	},
	{
		email: 'tomas@example.org',
		displayName: 'Tomás Herrera',
		label: 'trainer',
		role: 'trainer',
		country: 'CL',
		stakeholderGroup: 'academia',
		timeZone: 'America/Santiago'
	},
	{
		email: 'priya@example.org',
		displayName: 'Priya Raman',
		label: 'coordinator',
		role: 'coordinator',
		country: 'IN',
		stakeholderGroup: 'technical-community',
		timeZone: 'Asia/Kolkata'
	},
	{
		email: 'kwame@example.org',
		displayName: 'Kwame Mensah',
		label: 'alumnus, moderator',
		role: 'alumnus',
		platformRole: 'moderator',
		country: 'GH',
		stakeholderGroup: 'government',
		timeZone: 'Africa/Accra'
	},
	{
		email: 'leilani@example.org',
		displayName: 'Leilani Tupou',
		label: 'admin',
		role: 'admin',
		country: 'TO',
		stakeholderGroup: 'intergovernmental-organisation',
		timeZone: 'Pacific/Tongatapu'
	}
];
