/** The rules of the notification forms and links, shared by /notifications and the tests. */
import { z } from 'zod';

/** "Mark as read" names one notification. */
export const markReadSchema = z.object({
	notification_id: z.uuid('That notification was not found.')
});

/** The "older" link's cursor: the id of the last notification of the page before. */
export const pageSchema = z.object({ before: z.uuid().optional() });

export type MarkRead = z.infer<typeof markReadSchema>;
