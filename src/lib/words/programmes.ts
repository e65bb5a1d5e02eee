/**
 * A programme's choices as the database's checks spell them, with their labels: formats, levels,
 * scopes, statuses, kinds and components.
 * No zod here: pages import this, and the forms' schemas build on it on the server, so a page
 * never downloads the validation library for a label.
 */
import { labelled } from '$lib/locales';
import { m } from '$lib/paraglide/messages';

export const FORMATS = labelled({
	online: m.programmes_format_online,
	'in-situ': m.programmes_format_in_situ,
	blended: m.programmes_format_blended
});

export const LEVELS = labelled({
	introductory: m.programmes_level_introductory,
	intermediate: m.programmes_level_intermediate,
	advanced: m.programmes_level_advanced
});

export const SCOPES = labelled({
	local: m.programmes_scope_local,
	national: m.programmes_scope_national,
	regional: m.programmes_scope_regional,
	global: m.programmes_scope_global
});

export const STATUSES = labelled({
	active: m.programmes_status_active,
	paused: m.programmes_status_paused,
	closed: m.programmes_status_closed
});

export const KINDS = labelled({
	diploma: m.programmes_kind_diploma,
	fellowship: m.programmes_kind_fellowship,
	'ambassador-scheme': m.programmes_kind_ambassador_scheme,
	'school-of-internet-governance': m.programmes_kind_school,
	course: m.programmes_kind_course
});

export const COMPONENTS = labelled({
	'online-learning': m.programmes_component_online_learning,
	'in-situ-learning': m.programmes_component_in_situ_learning,
	'coaching-tutoring': m.programmes_component_coaching,
	'training-for-trainers': m.programmes_component_trainers,
	'policy-immersion': m.programmes_component_policy_immersion,
	research: m.programmes_component_research,
	'peer-evaluation': m.programmes_component_peer_evaluation,
	'community-building': m.programmes_component_community
});
