/** The one door to the SMTP server (nodemailer). Everything else talks to the outbox. */
import type { Transporter } from 'nodemailer';
import { mailLimits } from '../../../shared/limits.js';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachment: { fileName: string; contentType: string; content: Buffer } | null;
}

export interface MailTransport {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/** A short reason for a failed attempt, shown to coordinators: the SMTP reply or the network error code. */
export function deliveryError(err: unknown): string {
  const e = err as { responseCode?: number; response?: string; code?: string; message?: string };
  const reason = e.response ?? (e.code ? `${e.code}: ${e.message ?? ''}` : (e.message ?? String(err)));
  return reason.replace(/\s+/g, ' ').trim().slice(0, 300);
}

export function smtpTransport(url: string, from: string): MailTransport {
  // New connection per message: a coordinator's send is a few dozen emails, and a broken server is found at once.
  // nodemailer is loaded on the first email, not at start (it is large, and sending waits on the network anyway).
  let transporter: Transporter | null = null;
  let loading: Promise<Transporter> | null = null;
  const connect = () =>
    (loading ??= import('nodemailer').then(({ default: nodemailer }) =>
      (transporter = nodemailer.createTransport(
        {
          url,
          connectionTimeout: mailLimits.smtpTimeoutMs,
          greetingTimeout: mailLimits.smtpTimeoutMs,
          socketTimeout: mailLimits.smtpTimeoutMs,
          disableFileAccess: true,
          disableUrlAccess: true,
        },
        { from },
      )),
    ));
  return {
    async send(email) {
      await (await connect()).sendMail({
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        attachments: email.attachment ? [{ filename: email.attachment.fileName, contentType: email.attachment.contentType, content: email.attachment.content }] : [],
      });
    },
    close: () => transporter?.close(),
  };
}
