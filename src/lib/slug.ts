/**
 * An address (slug) proposed from a name: lowercase Latin letters, digits and single hyphens, at
 * most 80 characters, as the database's slug checks want. Accents are dropped ("Fundación" gives
 * "fundacion"); a name with no Latin letters or digits gives '' (the person writes one instead).
 */
export function proposeSlug(name: string, max = 80): string {
	return name
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/ß/g, 'ss')
		.replace(/æ/g, 'ae')
		.replace(/œ/g, 'oe')
		.replace(/ø/g, 'o')
		.replace(/[^a-z0-9]+/g, '-')
		.slice(0, max)
		.replace(/^-+|-+$/g, '');
}
