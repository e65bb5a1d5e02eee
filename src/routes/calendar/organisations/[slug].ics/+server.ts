import { organiserFeed } from '../../../events/organiser';
import type { RequestHandler } from './$types';

/** The organisation's public events as a live iCalendar feed. */
export const GET: RequestHandler = ({ params, url }) =>
	organiserFeed(url.origin, { kind: 'organisation', slug: params.slug });
