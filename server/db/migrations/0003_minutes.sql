CREATE TABLE `action_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_id` text NOT NULL,
	`meeting_id` text,
	`status` text NOT NULL,
	`note` text,
	`by_person_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `action_updates_action_idx` ON `action_updates` (`action_id`,`at`);--> statement-breakpoint
CREATE TABLE `actions` (
	`id` text PRIMARY KEY NOT NULL,
	`series_id` text NOT NULL,
	`meeting_id` text NOT NULL,
	`item_id` text NOT NULL,
	`position` integer NOT NULL,
	`case_ref` text,
	`what` text NOT NULL,
	`owner_person_id` text,
	`owner_agency_id` text,
	`due` text,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `actions_series_idx` ON `actions` (`series_id`,`status`);--> statement-breakpoint
CREATE INDEX `actions_meeting_idx` ON `actions` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `meeting_attendance` (
	`meeting_id` text NOT NULL,
	`person_id` text NOT NULL,
	`role` text NOT NULL,
	`first_joined_at` integer NOT NULL,
	`last_left_at` integer,
	`confidentiality_ack_at` integer,
	PRIMARY KEY(`meeting_id`, `person_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `minutes_attendance` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` text NOT NULL,
	`person_id` text,
	`name` text NOT NULL,
	`agency` text NOT NULL,
	`role` text NOT NULL,
	`status` text NOT NULL,
	`joined_at` integer,
	`left_at` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `minutes_attendance_meeting_idx` ON `minutes_attendance` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `minutes_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` text NOT NULL,
	`item_id` text NOT NULL,
	`series_id` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`number` text NOT NULL,
	`outcome` text NOT NULL,
	`text` text NOT NULL,
	`reasons` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `minutes_decisions_number_unique` ON `minutes_decisions` (`series_id`,`year`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `minutes_decisions_item_unique` ON `minutes_decisions` (`meeting_id`,`item_id`);--> statement-breakpoint
CREATE TABLE `minutes_items` (
	`meeting_id` text NOT NULL,
	`item_id` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`case_ref` text,
	`discussion` text NOT NULL,
	`contributions` text NOT NULL,
	PRIMARY KEY(`meeting_id`, `item_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `minutes_versions` (
	`meeting_id` text NOT NULL,
	`version` integer NOT NULL,
	`content` text NOT NULL,
	`content_hash` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`note` text,
	`changes` text,
	PRIMARY KEY(`meeting_id`, `version`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP INDEX `meeting_updates_meeting_idx`;--> statement-breakpoint
ALTER TABLE `meeting_updates` ADD `doc` text DEFAULT 'shared' NOT NULL;--> statement-breakpoint
CREATE INDEX `meeting_updates_doc_idx` ON `meeting_updates` (`meeting_id`,`doc`,`seq`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_meeting_documents` (
	`meeting_id` text NOT NULL,
	`doc` text DEFAULT 'shared' NOT NULL,
	`snapshot` blob NOT NULL,
	`log_seq` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `doc`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_meeting_documents`("meeting_id", "doc", "snapshot", "log_seq", "updated_at") SELECT "meeting_id", 'shared', "snapshot", "log_seq", "updated_at" FROM `meeting_documents`;--> statement-breakpoint
DROP TABLE `meeting_documents`;--> statement-breakpoint
ALTER TABLE `__new_meeting_documents` RENAME TO `meeting_documents`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
ALTER TABLE `meetings` ADD `minute_taker_id` text REFERENCES people(id);