// The worker's separate consents: shared with the other worker pages (src/services/useConsents.ts).
export { consentAsked, useConsents, type Consents, type ConsentsApi } from '../../services/useConsents'
