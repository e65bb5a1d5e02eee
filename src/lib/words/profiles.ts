/**
 * A profile's choices as pages say them: the four audiences of a field, what a person is open to,
 * language levels, kinds of positions and links, and the fields' names in the visibility list.
 * No zod here: pages import this, and the forms' schemas build on it on the server, so a page
 * never downloads the validation library for a label.
 */
import { labelled } from '$lib/locales';
import { m } from '$lib/paraglide/messages';

export const AUDIENCES = ['public', 'members', 'programmes', 'private'] as const;

export const AUDIENCE_LABELS: Record<(typeof AUDIENCES)[number], string> = labelled({
	public: m.profiles_audience_public,
	members: m.profiles_audience_members,
	programmes: m.profiles_audience_programmes,
	private: m.profiles_audience_private
});

export const OPEN_TO_LABELS = labelled({
	mentoring: m.profiles_open_mentoring,
	'being-mentored': m.profiles_open_being_mentored,
	speaking: m.profiles_open_speaking,
	collaborating: m.profiles_open_collaborating
});

export const LANGUAGE_LEVEL_LABELS = labelled({
	native: m.profiles_level_native,
	professional: m.profiles_level_professional,
	conversational: m.profiles_level_conversational,
	basic: m.profiles_level_basic
});

export const POSITION_KIND_LABELS = labelled({
	government: m.profiles_kind_government,
	regulator: m.profiles_kind_regulator,
	parliament: m.profiles_kind_parliament,
	intergovernmental: m.profiles_kind_intergovernmental,
	'private-sector': m.profiles_kind_private_sector,
	'civil-society': m.profiles_kind_civil_society,
	academia: m.profiles_kind_academia,
	'technical-community': m.profiles_kind_technical_community
});

/** Kinds of link; the services' own names are names, the same in every language. */
export const LINK_KIND_LABELS = labelled({
	website: m.profiles_link_website,
	linkedin: () => 'LinkedIn',
	mastodon: () => 'Mastodon',
	bluesky: () => 'Bluesky',
	github: () => 'GitHub',
	orcid: () => 'ORCID',
	other: m.profiles_link_other
});

/** The fields with their own audience, as the editor labels them. */
export const VISIBILITY_FIELD_LABELS = labelled({
	headline: m.profiles_field_headline,
	work: m.profiles_field_work,
	location: m.profiles_field_location,
	city: m.profiles_field_city,
	stakeholder: m.profiles_field_stakeholder,
	bio: m.profiles_field_bio,
	topics: m.profiles_field_topics,
	languages: m.profiles_field_languages,
	positions: m.profiles_field_positions,
	links: m.profiles_field_links,
	open_to: m.profiles_field_open_to,
	time_zone: m.profiles_field_time_zone,
	email: m.profiles_field_email
});

/** A label map as the options of a select. */
export const optionsOf = (labels: Record<string, string>) =>
	Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Up to four language rows, each a language and a level; blank rows are ignored. */
export const LANGUAGE_ROWS = 4;
