/**
 * What a person wants by e-mail (/account/notifications): how often each family of notices is
 * mailed, as the database's checks say them (public.mail_settings), with the events' own
 * settings (public.event_message_settings) in the same form.
 */
import { z } from 'zod';
import { messageSettingsSchema } from './events';

export const SPACE_CADENCES = ['each', 'daily', 'weekly', 'off'] as const;
export const COORDINATION_CADENCES = ['each', 'daily', 'off'] as const;
export type SpaceCadence = (typeof SPACE_CADENCES)[number];
export type CoordinationCadence = (typeof COORDINATION_CADENCES)[number];

/** The families of notices a mail is about; each has its own unsubscribe. */
export const FAMILIES = ['mentions', 'watching', 'coordination'] as const;
export type Family = (typeof FAMILIES)[number];

export const mailSettingsSchema = z.object({
	mentions: z.enum(SPACE_CADENCES),
	watching: z.enum(SPACE_CADENCES),
	coordination: z.enum(COORDINATION_CADENCES)
});
export type MailSettings = z.infer<typeof mailSettingsSchema>;

/** The defaults of a person who never chose (as the table's defaults say). */
export const DEFAULT_MAIL_SETTINGS: MailSettings = {
	mentions: 'each',
	watching: 'daily',
	coordination: 'daily'
};

/** The whole form of /account/notifications: the mail settings and the events' settings. */
export const notificationSettingsSchema = mailSettingsSchema.extend(messageSettingsSchema.shape);
