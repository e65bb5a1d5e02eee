/** The rules of the notification forms and links, shared by /notifications and the tests. */
import { z } from 'zod';

/** "Mark as read" names one notification. */
export const markReadSchema = z.object({
	notification_id: z.uuid('That notification was not found.')
});

export type MarkRead = z.infer<typeof markReadSchema>;
