import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bulletinApi } from '../../../shared/api/bulletin.ts';
import { ASSESSMENT_READ_ROLES, GAMING_READ_ROLES } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { exportBulletinXlsx } from './export-bulletin-xlsx.ts';
import { getBulletin } from './get-bulletin.ts';
import { renderBulletinDocx } from './render-bulletin-docx.ts';
import { renderWorkingNotes } from './render-working-notes.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a built file: everything (and every refusal) happened before the first byte. */
function sendFile(req: FastifyRequest, reply: FastifyReply, file: { bytes: Buffer; fileName: string }, type: string, ascii: string) {
  reply.hijack();
  reply.raw.writeHead(200, {
    'content-type': type,
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'content-length': String(file.bytes.length),
    'cache-control': 'no-store',
    'x-request-id': String(req.id),
  });
  reply.raw.end(file.bytes);
}

export function bulletinRoutes(app: FastifyInstance, { db }: AppContext) {
  const tags = ['bulletin'];
  const read = { kind: 'roles', roles: ASSESSMENT_READ_ROLES, write: false } as const;

  defineRoute(app, bulletinApi.getBulletin, {
    access: read,
    summary: 'The assessment’s bulletin (通报) as a model for the preview: every figure with n, interval and source page; a draft’s is marked 征求意见稿',
    tags,
    handler: async ({ params, query, actor }) => getBulletin({ db, actor }, { assessmentId: params.id, ...query }),
  });

  defineRoute(app, bulletinApi.exportBulletinDocx, {
    access: read,
    summary: 'The bulletin as a Word document in the form of GB/T 9704-2012 (A4, red 版头, 仿宋 body, page numbers)',
    tags,
    handler: async ({ params, query, actor }, req, reply) => {
      const file = await renderBulletinDocx({ db, actor }, { assessmentId: params.id, ...query });
      sendFile(req, reply, file, DOCX, `bulletin-${params.id}.docx`);
    },
  });

  defineRoute(app, bulletinApi.exportBulletinXlsx, {
    access: read,
    summary: 'The bulletin’s tables as XLSX (ranking with components, n and intervals; domains; rectification), safe against formula injection',
    tags,
    handler: async ({ params, query, actor }, req, reply) => {
      const file = await exportBulletinXlsx({ db, actor }, { assessmentId: params.id, ...query });
      sendFile(req, reply, file, XLSX, `bulletin-${params.id}.xlsx`);
    },
  });

  defineRoute(app, bulletinApi.exportWorkingNotes, {
    access: { kind: 'roles', roles: GAMING_READ_ROLES, write: false },
    summary: 'County only: the working notes behind the bulletin (signs of gaming with their evidence and review, internal remarks); never part of the bulletin',
    tags,
    handler: async ({ params, actor }, req, reply) => {
      const file = await renderWorkingNotes({ db, actor }, { assessmentId: params.id });
      sendFile(req, reply, file, DOCX, `working-notes-${params.id}.docx`);
    },
  });
}
