CREATE TABLE `action_escalations` (
	`action_id` text PRIMARY KEY NOT NULL,
	`lead_person_id` text NOT NULL,
	`outbox_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`outbox_id`) REFERENCES `email_outbox`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `circulation_recipients` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`version` integer NOT NULL,
	`agency_name` text NOT NULL,
	`person_id` text NOT NULL,
	`delivery` text NOT NULL,
	`outbox_id` text NOT NULL,
	`sent_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`token_hash` text,
	`expires_at` integer,
	`first_opened_at` integer,
	`opens` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`outbox_id`) REFERENCES `email_outbox`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sent_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `circulation_recipients_token_hash_unique` ON `circulation_recipients` (`token_hash`);--> statement-breakpoint
CREATE INDEX `circulation_recipients_meeting_idx` ON `circulation_recipients` (`meeting_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `email_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`to_person_id` text NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`attachment_name` text,
	`attachment_type` text,
	`attachment` blob,
	`meeting_id` text,
	`series_id` text,
	`state` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`to_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `email_outbox_due_idx` ON `email_outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `email_outbox_meeting_idx` ON `email_outbox` (`meeting_id`);--> statement-breakpoint
CREATE INDEX `email_outbox_series_idx` ON `email_outbox` (`series_id`);--> statement-breakpoint
CREATE TABLE `job_runs` (
	`job` text NOT NULL,
	`day` text NOT NULL,
	`claimed_at` integer NOT NULL,
	PRIMARY KEY(`job`, `day`)
);
--> statement-breakpoint
CREATE TABLE `person_preferences` (
	`person_id` text PRIMARY KEY NOT NULL,
	`digests` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `series_agency_leads` (
	`series_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`person_id` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`series_id`, `agency_id`),
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `series_reminder_settings` (
	`series_id` text PRIMARY KEY NOT NULL,
	`escalate_after_days` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE no action
);
