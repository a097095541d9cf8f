CREATE TABLE `calendar_feeds` (
	`person_id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_token_hash_unique` ON `calendar_feeds` (`token_hash`);--> statement-breakpoint
ALTER TABLE `meetings` ADD `opened_at` integer;--> statement-breakpoint
ALTER TABLE `meetings` ADD `cancelled_at` integer;--> statement-breakpoint
ALTER TABLE `meetings` ADD `cancel_reason` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `cancelled_by` text REFERENCES people(id);--> statement-breakpoint
ALTER TABLE `meetings` ADD `sequence` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `meetings` ADD `minutes_agreed_at` integer;--> statement-breakpoint
ALTER TABLE `meetings` ADD `minutes_agreed_by` text REFERENCES people(id);--> statement-breakpoint
ALTER TABLE `meetings` ADD `minutes_agreed_in` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `minutes_agreed_version` integer;--> statement-breakpoint
ALTER TABLE `series` ADD `body` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `series` ADD `chair_id` text REFERENCES people(id);--> statement-breakpoint
ALTER TABLE `series` ADD `deputy_chair_id` text REFERENCES people(id);--> statement-breakpoint
ALTER TABLE `series` ADD `venue` text DEFAULT 'Online' NOT NULL;--> statement-breakpoint
ALTER TABLE `series` ADD `online_link` text;--> statement-breakpoint
ALTER TABLE `series` ADD `cadence_rule` text;--> statement-breakpoint
ALTER TABLE `series` ADD `agenda_template` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `series` ADD `decision_prefix` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `series` ADD `decision_scheme` text DEFAULT 'NNN/YYYY' NOT NULL;--> statement-breakpoint
ALTER TABLE `series` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `series` ADD `updated_at` integer;