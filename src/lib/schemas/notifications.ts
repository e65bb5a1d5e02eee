/** The rules of the notification forms and links, shared by /notifications and the tests. */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

/** "Mark as read" names one notification. */
export const markReadSchema = z.object({
	notification_id: z.uuid({ error: () => m.notifications_not_found() })
});

/** "Mark as read" where one notice or all of them may be meant (no id: all). */
export const notificationIdSchema = z.object({
	notification_id: z.uuid({ error: () => m.notifications_not_found() }).optional()
});

export type MarkRead = z.infer<typeof markReadSchema>;
