/**
 * Where an event's registration window stands now: not open yet, open, or closed (after it
 * closes, or once the event is cancelled or over, which the database also refuses a seat for).
 */
export type RegistrationState = 'none' | 'not-yet' | 'open' | 'closed';

type Window = {
	status: string;
	until_at?: Date;
	registration_opens_at: Date | null;
	registration_closes_at: Date | null;
};

export function registrationState(event: Window, now = new Date()): RegistrationState {
	const { registration_opens_at: opens, registration_closes_at: closes } = event;
	if (opens && now < opens) return 'not-yet';
	if (closes && now >= closes) return 'closed';
	return opens || closes ? 'open' : 'none';
}
