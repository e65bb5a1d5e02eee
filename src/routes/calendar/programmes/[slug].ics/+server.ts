import { organiserFeed } from '../../../events/organiser';
import type { RequestHandler } from './$types';

/** The programme's public events as a live iCalendar feed. */
export const GET: RequestHandler = ({ params, url }) =>
	organiserFeed(url.origin, { kind: 'programme', slug: params.slug });
