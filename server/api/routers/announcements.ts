import 'server-only';
import { createTRPCRouter, permittedProcedure } from '../trpc';
import * as S from '../../shared/schemas/announcements';
import { publishAnnouncement } from '../../announcements/publish-announcement';
import { listAnnouncements, listMyAnnouncements } from '../../announcements/list-announcements';
import { archiveAnnouncement } from '../../announcements/archive-announcement';
import { getAnnouncementImage, getMyAnnouncementImage } from '../../announcements/announcement-image';

// Announcements (公告, #15): URL /[tenant]/announcements, components/announcements/. Residents
// read theirs on the home page (listMine); the image route asks getImage, then getMyImage.
const manage = permittedProcedure('services.manage');
const resident = permittedProcedure('resident.self');

export const announcementsRouter = createTRPCRouter({
  list: manage.input(S.ZListAnnouncements).query(({ ctx, input }) => listAnnouncements(ctx.scope, input)),
  publish: manage.input(S.ZPublishAnnouncement).mutation(({ ctx, input }) => publishAnnouncement(ctx.scope, input)),
  archive: manage.input(S.ZArchiveAnnouncement).mutation(({ ctx, input }) => archiveAnnouncement(ctx.scope, input)),
  getImage: manage.input(S.ZAnnouncementRef).query(({ ctx, input }) => getAnnouncementImage(ctx.scope, input)),
  listMine: resident.input(S.ZMyAnnouncements).query(({ ctx, input }) => listMyAnnouncements(ctx.scope, input)),
  getMyImage: resident.input(S.ZAnnouncementRef).query(({ ctx, input }) => getMyAnnouncementImage(ctx.scope, input)),
});
