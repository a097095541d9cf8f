import type { RecordsRepo } from '../records-repo.js';
import type { RecordsStore } from '../stores/records.js';

/** Today's synchronous repository behind the async interface. */
export const sqliteRecordsStore = (repo: RecordsRepo): RecordsStore => ({
  listMeetings: async () => repo.listMeetings(),
  findMeeting: async (id) => repo.findMeeting(id),
  meetingExists: async (id) => repo.meetingExists(id),
  meetingParticipants: async (meetingId, seriesId, chairId) => repo.meetingParticipants(meetingId, seriesId, chairId),
  setMinuteTaker: async (meetingId, personId) => repo.setMinuteTaker(meetingId, personId),
  listAgencies: async () => repo.listAgencies(),
  listPeople: async () => repo.listPeople(),
});
