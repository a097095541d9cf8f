CREATE TABLE `agenda_publications` (
	`meeting_id` text PRIMARY KEY NOT NULL,
	`published_at` integer NOT NULL,
	`published_by` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `case_research` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`meeting_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`knows` text NOT NULL,
	`risks` text NOT NULL,
	`view` text NOT NULL,
	`author_ids` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_research_unique` ON `case_research` (`case_id`,`meeting_id`,`agency_id`);--> statement-breakpoint
CREATE INDEX `case_research_meeting_idx` ON `case_research` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`series_id` text NOT NULL,
	`ref` text NOT NULL,
	`prefix` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`status` text NOT NULL,
	`referring_agency_id` text NOT NULL,
	`risk_level` text NOT NULL,
	`children_involved` integer NOT NULL,
	`consent` text NOT NULL,
	`lawful_basis` text DEFAULT '' NOT NULL,
	`vulnerabilities` text NOT NULL,
	`summary` text NOT NULL,
	`closed_at` integer,
	`closed_reason` text,
	`closed_by` text,
	`merged_into_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`referring_agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_ref_unique` ON `cases` (`ref`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_seq_unique` ON `cases` (`prefix`,`year`,`seq`);--> statement-breakpoint
CREATE INDEX `cases_series_idx` ON `cases` (`series_id`,`status`);--> statement-breakpoint
CREATE TABLE `referrals` (
	`id` text PRIMARY KEY NOT NULL,
	`series_id` text NOT NULL,
	`case_id` text NOT NULL,
	`issued_case_id` text NOT NULL,
	`referrer_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`reason` text NOT NULL,
	`urgent` integer NOT NULL,
	`fields` text NOT NULL,
	`state` text NOT NULL,
	`state_message` text,
	`info_exchanges` text NOT NULL,
	`meeting_id` text,
	`item_id` text,
	`repeat` integer DEFAULT false NOT NULL,
	`earlier_referred_at` text NOT NULL,
	`earlier_closed_at` integer,
	`decided_by` text,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`referrer_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `referrals_series_idx` ON `referrals` (`series_id`,`state`);--> statement-breakpoint
CREATE INDEX `referrals_case_idx` ON `referrals` (`case_id`);--> statement-breakpoint
CREATE INDEX `referrals_referrer_idx` ON `referrals` (`referrer_id`);--> statement-breakpoint
ALTER TABLE `series` ADD `case_ref_prefix` text;