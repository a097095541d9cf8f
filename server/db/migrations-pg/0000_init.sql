CREATE TABLE "agencies" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "agencies_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"person_id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" text PRIMARY KEY NOT NULL,
	"agency_id" text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"job_title" text DEFAULT '' NOT NULL,
	"role" text NOT NULL,
	"password_hash" text,
	"disabled_at" bigint,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_preferences" (
	"person_id" text PRIMARY KEY NOT NULL,
	"digests" boolean NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"person_id" text NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"last_seen_at" bigint NOT NULL,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "sign_in_failures" (
	"email" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"locked_until" integer,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "series" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"cadence" text DEFAULT '' NOT NULL,
	"owner_agency_id" text,
	"case_ref_prefix" text,
	"created_at" bigint NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"chair_id" text,
	"deputy_chair_id" text,
	"venue" text DEFAULT 'Online' NOT NULL,
	"online_link" text,
	"cadence_rule" json,
	"agenda_template" json DEFAULT '[]'::json NOT NULL,
	"decision_prefix" text DEFAULT '' NOT NULL,
	"decision_scheme" text DEFAULT 'NNN/YYYY' NOT NULL,
	"archived_at" bigint,
	"updated_at" bigint
);
--> statement-breakpoint
CREATE TABLE "series_agency_leads" (
	"series_id" text NOT NULL,
	"agency_id" text NOT NULL,
	"person_id" text NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "series_agency_leads_series_id_agency_id_pk" PRIMARY KEY("series_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "series_members" (
	"series_id" text NOT NULL,
	"person_id" text NOT NULL,
	"role" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "series_reminder_settings" (
	"series_id" text PRIMARY KEY NOT NULL,
	"escalate_after_days" integer NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agenda_publications" (
	"meeting_id" text PRIMARY KEY NOT NULL,
	"published_at" bigint NOT NULL,
	"published_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_attendance" (
	"meeting_id" text NOT NULL,
	"person_id" text NOT NULL,
	"role" text NOT NULL,
	"first_joined_at" bigint NOT NULL,
	"last_left_at" bigint,
	"confidentiality_ack_at" bigint,
	CONSTRAINT "meeting_attendance_meeting_id_person_id_pk" PRIMARY KEY("meeting_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_guests" (
	"meeting_id" text NOT NULL,
	"person_id" text NOT NULL,
	"role" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_invites" (
	"id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"role" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"used_at" bigint,
	"used_by" text,
	CONSTRAINT "meeting_invites_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "meeting_room_state" (
	"meeting_id" text PRIMARY KEY NOT NULL,
	"state" json NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" text PRIMARY KEY NOT NULL,
	"series_id" text NOT NULL,
	"title" text NOT NULL,
	"scheduled_at" bigint NOT NULL,
	"venue" text DEFAULT 'Online' NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"chair_id" text,
	"minute_taker_id" text,
	"created_at" bigint NOT NULL,
	"ended_at" bigint,
	"opened_at" bigint,
	"cancelled_at" bigint,
	"cancel_reason" text,
	"cancelled_by" text,
	"sequence" integer DEFAULT 0 NOT NULL,
	"minutes_agreed_at" bigint,
	"minutes_agreed_by" text,
	"minutes_agreed_in" text,
	"minutes_agreed_version" integer
);
--> statement-breakpoint
CREATE TABLE "meeting_documents" (
	"meeting_id" text NOT NULL,
	"doc" text DEFAULT 'shared' NOT NULL,
	"snapshot" "bytea" NOT NULL,
	"log_seq" bigint DEFAULT 0 NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "meeting_documents_meeting_id_doc_pk" PRIMARY KEY("meeting_id","doc")
);
--> statement-breakpoint
CREATE TABLE "meeting_updates" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"doc" text DEFAULT 'shared' NOT NULL,
	"update" "bytea" NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" bigint NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"detail" json,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "minutes_attendance" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"person_id" text,
	"name" text NOT NULL,
	"agency" text NOT NULL,
	"role" text NOT NULL,
	"status" text NOT NULL,
	"joined_at" bigint,
	"left_at" bigint
);
--> statement-breakpoint
CREATE TABLE "minutes_decisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"item_id" text NOT NULL,
	"series_id" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"outcome" text NOT NULL,
	"text" text NOT NULL,
	"reasons" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "minutes_items" (
	"meeting_id" text NOT NULL,
	"item_id" text NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"case_ref" text,
	"discussion" text NOT NULL,
	"contributions" json NOT NULL,
	CONSTRAINT "minutes_items_meeting_id_item_id_pk" PRIMARY KEY("meeting_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "minutes_versions" (
	"meeting_id" text NOT NULL,
	"version" integer NOT NULL,
	"content" json NOT NULL,
	"content_hash" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" bigint NOT NULL,
	"note" text,
	"changes" json,
	CONSTRAINT "minutes_versions_meeting_id_version_pk" PRIMARY KEY("meeting_id","version")
);
--> statement-breakpoint
CREATE TABLE "action_escalations" (
	"action_id" text PRIMARY KEY NOT NULL,
	"lead_person_id" text NOT NULL,
	"outbox_id" text NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "action_updates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"action_id" text NOT NULL,
	"meeting_id" text,
	"status" text NOT NULL,
	"note" text,
	"by_person_id" text NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "actions" (
	"id" text PRIMARY KEY NOT NULL,
	"series_id" text NOT NULL,
	"meeting_id" text NOT NULL,
	"item_id" text NOT NULL,
	"position" integer NOT NULL,
	"case_ref" text,
	"what" text NOT NULL,
	"owner_person_id" text,
	"owner_agency_id" text,
	"due" text,
	"status" text NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "circulation_recipients" (
	"id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"version" integer NOT NULL,
	"agency_name" text NOT NULL,
	"person_id" text NOT NULL,
	"delivery" text NOT NULL,
	"outbox_id" text NOT NULL,
	"sent_by" text NOT NULL,
	"created_at" bigint NOT NULL,
	"token_hash" text,
	"expires_at" bigint,
	"first_opened_at" bigint,
	"opens" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "circulation_recipients_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"to_person_id" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text NOT NULL,
	"attachment_name" text,
	"attachment_type" text,
	"attachment" "bytea",
	"meeting_id" text,
	"series_id" text,
	"state" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" bigint NOT NULL,
	"last_error" text,
	"sent_at" bigint,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"job" text NOT NULL,
	"day" text NOT NULL,
	"claimed_at" bigint NOT NULL,
	CONSTRAINT "job_runs_job_day_pk" PRIMARY KEY("job","day")
);
--> statement-breakpoint
CREATE TABLE "case_research" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"meeting_id" text NOT NULL,
	"agency_id" text NOT NULL,
	"knows" text NOT NULL,
	"risks" text NOT NULL,
	"view" text NOT NULL,
	"author_ids" json NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" text PRIMARY KEY NOT NULL,
	"series_id" text NOT NULL,
	"ref" text NOT NULL,
	"prefix" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"status" text NOT NULL,
	"referring_agency_id" text NOT NULL,
	"risk_level" text NOT NULL,
	"children_involved" boolean NOT NULL,
	"consent" text NOT NULL,
	"lawful_basis" text DEFAULT '' NOT NULL,
	"vulnerabilities" json NOT NULL,
	"summary" text NOT NULL,
	"closed_at" bigint,
	"closed_reason" text,
	"closed_by" text,
	"merged_into_id" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" text PRIMARY KEY NOT NULL,
	"series_id" text NOT NULL,
	"case_id" text NOT NULL,
	"issued_case_id" text NOT NULL,
	"referrer_id" text NOT NULL,
	"agency_id" text NOT NULL,
	"reason" text NOT NULL,
	"urgent" boolean NOT NULL,
	"fields" json NOT NULL,
	"state" text NOT NULL,
	"state_message" text,
	"info_exchanges" json NOT NULL,
	"meeting_id" text,
	"item_id" text,
	"repeat" boolean DEFAULT false NOT NULL,
	"earlier_referred_at" json NOT NULL,
	"earlier_closed_at" bigint,
	"decided_by" text,
	"decided_at" bigint,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_preferences" ADD CONSTRAINT "person_preferences_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series" ADD CONSTRAINT "series_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series" ADD CONSTRAINT "series_chair_id_people_id_fk" FOREIGN KEY ("chair_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series" ADD CONSTRAINT "series_deputy_chair_id_people_id_fk" FOREIGN KEY ("deputy_chair_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series_agency_leads" ADD CONSTRAINT "series_agency_leads_series_id_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series_agency_leads" ADD CONSTRAINT "series_agency_leads_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series_agency_leads" ADD CONSTRAINT "series_agency_leads_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series_members" ADD CONSTRAINT "series_members_series_id_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series_members" ADD CONSTRAINT "series_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series_reminder_settings" ADD CONSTRAINT "series_reminder_settings_series_id_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_publications" ADD CONSTRAINT "agenda_publications_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_publications" ADD CONSTRAINT "agenda_publications_published_by_people_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_guests" ADD CONSTRAINT "meeting_guests_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_guests" ADD CONSTRAINT "meeting_guests_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invites" ADD CONSTRAINT "meeting_invites_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invites" ADD CONSTRAINT "meeting_invites_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invites" ADD CONSTRAINT "meeting_invites_used_by_people_id_fk" FOREIGN KEY ("used_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_room_state" ADD CONSTRAINT "meeting_room_state_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_series_id_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_chair_id_people_id_fk" FOREIGN KEY ("chair_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_minute_taker_id_people_id_fk" FOREIGN KEY ("minute_taker_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_cancelled_by_people_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_minutes_agreed_by_people_id_fk" FOREIGN KEY ("minutes_agreed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_documents" ADD CONSTRAINT "meeting_documents_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_updates" ADD CONSTRAINT "meeting_updates_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_attendance" ADD CONSTRAINT "minutes_attendance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_attendance" ADD CONSTRAINT "minutes_attendance_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_decisions" ADD CONSTRAINT "minutes_decisions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_decisions" ADD CONSTRAINT "minutes_decisions_series_id_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_items" ADD CONSTRAINT "minutes_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_versions" ADD CONSTRAINT "minutes_versions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_versions" ADD CONSTRAINT "minutes_versions_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_escalations" ADD CONSTRAINT "action_escalations_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_escalations" ADD CONSTRAINT "action_escalations_lead_person_id_people_id_fk" FOREIGN KEY ("lead_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_escalations" ADD CONSTRAINT "action_escalations_outbox_id_email_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."email_outbox"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_updates" ADD CONSTRAINT "action_updates_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_updates" ADD CONSTRAINT "action_updates_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_updates" ADD CONSTRAINT "action_updates_by_person_id_people_id_fk" FOREIGN KEY ("by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_series_id_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulation_recipients" ADD CONSTRAINT "circulation_recipients_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulation_recipients" ADD CONSTRAINT "circulation_recipients_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulation_recipients" ADD CONSTRAINT "circulation_recipients_outbox_id_email_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."email_outbox"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulation_recipients" ADD CONSTRAINT "circulation_recipients_sent_by_people_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_to_person_id_people_id_fk" FOREIGN KEY ("to_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_series_id_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_research" ADD CONSTRAINT "case_research_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_research" ADD CONSTRAINT "case_research_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_research" ADD CONSTRAINT "case_research_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_series_id_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_referring_agency_id_agencies_id_fk" FOREIGN KEY ("referring_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_closed_by_people_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_series_id_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_issued_case_id_cases_id_fk" FOREIGN KEY ("issued_case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_id_people_id_fk" FOREIGN KEY ("referrer_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "people_email_unique" ON "people" USING btree ("email");--> statement-breakpoint
CREATE INDEX "sessions_person_idx" ON "sessions" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "series_members_unique" ON "series_members" USING btree ("series_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_guests_unique" ON "meeting_guests" USING btree ("meeting_id","person_id");--> statement-breakpoint
CREATE INDEX "meetings_series_idx" ON "meetings" USING btree ("series_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "meeting_updates_doc_idx" ON "meeting_updates" USING btree ("meeting_id","doc","seq");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_actor_idx" ON "audit_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "audit_action_idx" ON "audit_log" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "minutes_attendance_meeting_idx" ON "minutes_attendance" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "minutes_decisions_number_unique" ON "minutes_decisions" USING btree ("series_id","year","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "minutes_decisions_item_unique" ON "minutes_decisions" USING btree ("meeting_id","item_id");--> statement-breakpoint
CREATE INDEX "action_updates_action_idx" ON "action_updates" USING btree ("action_id","at");--> statement-breakpoint
CREATE INDEX "actions_series_idx" ON "actions" USING btree ("series_id","status");--> statement-breakpoint
CREATE INDEX "actions_meeting_idx" ON "actions" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "circulation_recipients_meeting_idx" ON "circulation_recipients" USING btree ("meeting_id","created_at");--> statement-breakpoint
CREATE INDEX "email_outbox_due_idx" ON "email_outbox" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "email_outbox_meeting_idx" ON "email_outbox" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "email_outbox_series_idx" ON "email_outbox" USING btree ("series_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_research_unique" ON "case_research" USING btree ("case_id","meeting_id","agency_id");--> statement-breakpoint
CREATE INDEX "case_research_meeting_idx" ON "case_research" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_ref_unique" ON "cases" USING btree ("ref");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_seq_unique" ON "cases" USING btree ("prefix","year","seq");--> statement-breakpoint
CREATE INDEX "cases_series_idx" ON "cases" USING btree ("series_id","status");--> statement-breakpoint
CREATE INDEX "referrals_series_idx" ON "referrals" USING btree ("series_id","state");--> statement-breakpoint
CREATE INDEX "referrals_case_idx" ON "referrals" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "referrals_referrer_idx" ON "referrals" USING btree ("referrer_id");