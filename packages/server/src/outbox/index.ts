export { acknowledge, ackPage, ackStatus, type AckResult } from './ack.js';
export { composeText, defaultLeaseMs, deliverDue, deliveryOptionsFrom, type DeliveryOptions, type DeliveryReport, type Log } from './deliver.js';
export { enqueueEmail, enqueueEmails, OutboxInputError, type EnqueueContext, type Enqueued, type NewEmail } from './enqueue.js';
export { ackUrl, deriveLinkKeys, issueToken, linkKeys, sealToken, tokenHash, unsealToken, verifyToken, type LinkKeys, type TokenCheck } from './links.js';
export { listOutbox } from './service.js';
export { afterFailure, backoffMs, classifyFailure, outboxStatuses, statusLabels, type DeliveryFailure, type OutboxStatus } from './status.js';
export { createSmtpTransport, describeSmtpUrl, messageIdFor, parseSmtpUrl, smtpUrlProblem, type MailTransport, type OutgoingMail } from './transport.js';
export { mailQueued, onMailQueued, outboxChannel } from './signal.js';
export { startDeliveryWorker, type DeliveryWorker, type DeliveryWorkerOptions } from './worker.js';
