import { organiserFeed } from '../../../events/organiser';
import type { RequestHandler } from './$types';

/** A public space's public events as a live iCalendar feed (none for other spaces: 404). */
export const GET: RequestHandler = ({ params, url }) =>
	organiserFeed(url.origin, { kind: 'space', slug: params.slug });
