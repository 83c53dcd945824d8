/**
 * Open311 GeoReport v2 as a third-party client sees it. `GeoReportClient` below does what a
 * generic client library does, following the specification's example requests literally: GETs
 * with the format as the URL's extension, a form-encoded POST with `api_key`, and answers read
 * as JSON arrays or as XML documents (`<services><service>…`, `<service_requests><request>…`,
 * `<errors><error>…`) by a strict XML reader.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { startTestApp, testCipher, type TestApp } from '../../../../test/support/test-app.ts';
import { insertRegion } from '../regions/index.ts';
import { parseXml, xmlItems } from './testing/mini-xml.ts';

const VILLAGE = '370921104201';

class GeoReportClient {
  constructor(
    private readonly app: FastifyInstance,
    private readonly apiKey: string,
    private readonly language = 'zh-CN',
  ) {}

  async get(path: string, query: Record<string, string> = {}) {
    const qs = new URLSearchParams(query).toString();
    return this.app.inject({ method: 'GET', url: `/open311/v2/${path}${qs ? `?${qs}` : ''}`, headers: { 'accept-language': this.language } });
  }

  /** POST Service Request, form-encoded as the specification's example. */
  async post(format: 'json' | 'xml', params: Record<string, string>, { withKey = true } = {}) {
    const body = new URLSearchParams({ ...(withKey ? { api_key: this.apiKey } : {}), ...params }).toString();
    return this.app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': this.language }, payload: body });
  }
}

for (const dialect of DIALECTS) {
  describe(`Open311 GeoReport v2 (${dialect.name})`, () => {
    let t: TestApp;
    let key: string;
    let client: GeoReportClient;
    beforeAll(async () => {
      t = await startTestApp(dialect, { OPEN311_RATE_LIMIT: '12' });
      const admin = await t.as('admin');
      const created = await admin.post('/api/open311-clients', { name: '市12345平台' });
      expect(created.statusCode).toBe(201);
      key = created.json().apiKey;
      expect(key).toMatch(/^o311_[A-Za-z0-9_-]{43}$/);
      client = new GeoReportClient(t.app, key);
    }, 120_000);
    afterAll(async () => t?.close());

    it('lists services in JSON and XML, and a service definition', async () => {
      const json = await client.get('services.json');
      expect(json.statusCode).toBe(200);
      expect(json.headers['content-type']).toMatch(/^application\/json/);
      const services = json.json() as Record<string, unknown>[];
      const dibao = services.find((s) => s.service_code === 'relief-dibao')!;
      expect(dibao).toMatchObject({ service_name: '低保与特困供养', metadata: false, type: 'realtime', group: '困难救助' });
      expect(Object.keys(dibao).sort()).toEqual(['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
      // Only categories marked for Open311.
      expect(services.every((s) => typeof s.service_code === 'string')).toBe(true);

      const xml = await client.get('services.xml');
      expect(xml.headers['content-type']).toMatch(/^text\/xml/);
      const root = parseXml(xml.body);
      expect(root.name).toBe('services');
      expect(root.children.every((c) => c.name === 'service')).toBe(true);
      expect(xmlItems(root).find((s) => s.service_code === 'relief-dibao')).toMatchObject({ metadata: 'false', type: 'realtime' });

      expect((await client.get('services/relief-dibao.json')).json()).toEqual({ service_code: 'relief-dibao', attributes: [] });
      const def = parseXml((await client.get('services/relief-dibao.xml')).body);
      expect(def.name).toBe('service_definition');
      expect(def.children.map((c) => c.name)).toEqual(['service_code', 'attributes']);
      const missing = await client.get('services/no-such.json');
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual([{ code: 404, description: expect.stringContaining('no-such') }]);
    });

    it('lives outside /api: not in the API route table or the access matrix, with its own access rule', async () => {
      // The access matrix and the route table cover app.apiRoutes (/api only); /open311 is exempt
      // from both because GeoReport v2 fixes its URLs, formats and errors. Its rule instead: every
      // read is public (only public Open311 cases, without personal data), POST needs an api_key.
      expect(t.app.apiRoutes.filter((r) => r.url.startsWith('/open311'))).toEqual([]);
      for (const path of ['services.json', 'services.xml', 'requests.json', 'requests.xml', 'discovery.json']) expect((await t.anonymous.get(`/open311/v2/${path}`)).statusCode).toBe(200);
      const anonymousPost = await t.anonymous.request({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `service_code=relief-dibao&address_id=${VILLAGE}&description=x` });
      expect(anonymousPost.statusCode).toBe(403);
      // A signed-in session is no key either.
      const admin = await t.as('admin');
      expect((await admin.request({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `service_code=relief-dibao&address_id=${VILLAGE}&description=x` })).statusCode).toBe(403);
      // Not problem+json, even for what Fastify refuses itself.
      const wrongType = await t.anonymous.request({ method: 'POST', url: '/open311/v2/requests.xml', headers: { 'content-type': 'text/csv' }, payload: 'a,b' });
      expect(wrongType.statusCode).toBe(415);
      expect(xmlItems(parseXml(wrongType.body))[0]!.code).toBe('415');
      const badJson = await t.anonymous.request({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/json' }, payload: '{"api_key":' });
      expect(badJson.statusCode).toBe(400);
      expect(badJson.json()[0].code).toBe(400);
    });

    it('answers discovery', async () => {
      const d = (await client.get('discovery.json')).json();
      expect(d.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production' });
      const x = parseXml((await client.get('discovery.xml')).body);
      expect(x.name).toBe('discovery');
    });

    it('refuses a POST without or with a wrong key in the specification’s error format', async () => {
      const none = await client.post('json', { service_code: 'relief-dibao', address_id: VILLAGE, description: 'x' }, { withKey: false });
      expect(none.statusCode).toBe(403);
      expect(none.headers['content-type']).toMatch(/^application\/json/);
      expect(none.json()).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
      const wrong = await new GeoReportClient(t.app, 'o311_wrong', 'en').post('xml', { service_code: 'relief-dibao', address_id: VILLAGE, description: 'x' });
      expect(wrong.statusCode).toBe(403);
      const errors = parseXml(wrong.body);
      expect(errors.name).toBe('errors');
      expect(xmlItems(errors)).toEqual([{ code: '403', description: 'api_key is invalid or has been revoked.' }]);
    });

    it('explains what a request needs (address_id, service_code, description) in Chinese and English', async () => {
      const noVillage = await client.post('json', { service_code: 'relief-dibao', lat: '35.76', long: '116.80', description: '道路坑洼' });
      expect(noVillage.statusCode).toBe(400);
      expect(noVillage.json()[0].description).toContain('address_id');
      const en = await new GeoReportClient(t.app, key, 'en').post('json', { service_code: 'bad code!', address_id: VILLAGE, description: 'x' });
      expect(en.statusCode).toBe(404);
      expect(en.json()[0].description).toMatch(/^service_code "bad code!" was not found/);
      const noCode = await client.post('json', { address_id: VILLAGE, description: 'x' });
      expect(noCode.json()).toEqual([{ code: 400, description: '缺少 service_code（诉求分类编码）。' }]);
      const badPhone = await client.post('json', { service_code: 'relief-dibao', address_id: VILLAGE, description: 'x', phone: '123' });
      expect(badPhone.statusCode).toBe(400);
      expect(badPhone.json()[0].description).toContain('phone');
      // A refused request with a valid key is a use of the key: audited.
      const audited = await t.database.db.selectFrom('audit_log').select(['after']).where('action', '=', 'open311.request').execute();
      expect(audited.length).toBeGreaterThanOrEqual(3);
      expect(problemJsonAnywhere(noVillage.body)).toBe(false);
    });

    it('files a request form-encoded, and shows it publicly without personal data', async () => {
      const res = await client.post('json', {
        service_code: 'relief-dibao',
        lat: '35.760000',
        long: '116.800000',
        address_string: '堽城镇西村村委会旁',
        address_id: VILLAGE,
        email: 'smith@example.com',
        device_id: 'device-1',
        account_id: 'acct-1',
        first_name: '三',
        last_name: '张',
        phone: '13812345678',
        description: '申请低保 <材料> & 手续咨询',
        media_url: 'https://example.com/photo.jpg',
        external_id: 'ext-001',
        public: 'true',
      });
      expect(res.statusCode).toBe(201);
      const [item] = res.json();
      expect(Object.keys(item).sort()).toEqual(['account_id', 'service_notice', 'service_request_id', 'token']);
      expect(item.account_id).toBeNull();
      expect(item.service_request_id).toMatch(/^MQ\d{8}/);

      const stored = await t.database.db.selectFrom('resident_case').selectAll().where('case_no', '=', item.service_request_id).executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ channel: 'open311', public: true, contact_name: '张三', contact_phone_masked: '138****5678', consent_contact: true, media_url: 'https://example.com/photo.jpg', tracking_code: item.token });
      expect(stored.external_ref).toMatch(/:ext-001$/);
      expect(testCipher.decrypt(stored.contact_phone_cipher!)).toBe('13812345678');
      expect(JSON.stringify(stored)).not.toContain('smith@example.com');

      const again = await client.post('json', { service_code: 'relief-dibao', address_id: VILLAGE, description: '重复', external_id: 'ext-001' });
      expect(again.statusCode).toBe(400);

      const list = await client.get('requests.json', { status: 'open' });
      const listed = (list.json() as Record<string, unknown>[]).find((r) => r.service_request_id === item.service_request_id)!;
      expect(listed).toMatchObject({ status: 'open', service_code: 'relief-dibao', service_name: '低保与特困供养', description: '申请低保 <材料> & 手续咨询', address: '堽城镇西村村委会旁', lat: 35.76, long: 116.8, media_url: 'https://example.com/photo.jpg' });
      expect(listed.requested_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
      expect(listed.expected_datetime).toMatch(/\+08:00$/);
      expect(typeof listed.agency_responsible).toBe('string');
      for (const secret of ['13812345678', '138****5678', '张三', 'smith', 'device-1', 'acct-1', item.token]) expect(list.body).not.toContain(secret);
      expect((await client.get('requests.json', { status: 'closed' })).json()).toEqual([]);

      const one = await client.get(`requests/${item.service_request_id}.xml`);
      const doc = parseXml(one.body);
      expect(doc.name).toBe('service_requests');
      expect(xmlItems(doc)[0]).toMatchObject({ service_request_id: item.service_request_id, description: '申请低保 <材料> & 手续咨询', status: 'open', zipcode: '' });
      expect(one.body).toContain('&lt;材料&gt; &amp;');

      expect((await client.get(`tokens/${item.token}.json`)).json()).toEqual([{ service_request_id: item.service_request_id, token: item.token }]);
      expect(xmlItems(parseXml((await client.get(`tokens/${item.token}.xml`)).body))).toEqual([{ service_request_id: item.service_request_id, token: item.token }]);
      expect((await client.get('tokens/NOPE0000.json')).statusCode).toBe(404);

      const byIds = await client.get('requests.json', { service_request_id: `${item.service_request_id},MQ0` });
      expect(byIds.json()).toHaveLength(1);

      const used = await t.database.db.selectFrom('open311_client').select('last_used_at').where('key_prefix', '=', key.slice(0, 13)).executeTakeFirstOrThrow();
      expect(used.last_used_at).not.toBeNull();
    });

    it('keeps a request private unless the client asked, and accepts JSON bodies', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.xml', payload: { api_key: key, service_code: 'relief-temporary', attribute: { address_id: VILLAGE }, description: '临时救助咨询' } });
      expect(res.statusCode).toBe(201);
      const [item] = xmlItems(parseXml(res.body));
      expect(item!.account_id).toBe('');
      expect((await client.get(`requests/${item!.service_request_id}.json`)).statusCode).toBe(404);
      expect((await client.get('requests.json')).body).not.toContain(item!.service_request_id);
      // The token still finds it for the client that filed it.
      expect((await client.get(`tokens/${item!.token}.json`)).statusCode).toBe(200);
    });

    it('checks dates and statuses of GET requests', async () => {
      expect((await client.get('requests.json', { start_date: 'yesterday' })).statusCode).toBe(400);
      expect((await client.get('requests.json', { start_date: '2026-01-01T00:00:00+08:00', end_date: '2026-12-01T00:00:00+08:00' })).json()[0].description).toContain('90');
      expect((await client.get('requests.json', { status: 'pending' })).statusCode).toBe(400);
      expect((await client.get('requests.json', { start_date: '2020-01-01', end_date: '2020-02-01' })).json()).toEqual([]);
      const unknown = await client.get('requests.csv');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()[0].code).toBe(404);
    });

    it('refuses a revoked key and rate-limits per key', async () => {
      const admin = await t.as('admin');
      const second = await admin.post('/api/open311-clients', { name: '网格化平台' });
      const other = new GeoReportClient(t.app, second.json().apiKey);
      const codes: number[] = [];
      for (let i = 0; i < 13; i++) codes.push((await other.post('json', { service_code: 'relief-dibao', address_id: VILLAGE })).statusCode);
      expect(codes.slice(0, 12).every((c) => c === 400)).toBe(true);
      expect(codes[12]).toBe(429);
      const revoked = await admin.post(`/api/open311-clients/${second.json().client.id}/revoke`);
      expect(revoked.statusCode).toBe(200);
      expect((await other.post('json', { service_code: 'relief-dibao' })).statusCode).toBe(403);
      const clients = (await admin.get('/api/open311-clients')).json().items;
      expect(clients.find((c: { id: string }) => c.id === second.json().client.id)).toMatchObject({ active: false });
      expect(JSON.stringify(clients)).not.toContain(key);
    });

    it('needs jurisdiction_id once the deployment has a second county', async () => {
      await insertRegion(t.database.db, { parent: null, code: '370922', name: '测试县', level: 'county', kind: 'county', openedOn: '2010-01-01' });
      const none = await client.get('services.json');
      expect(none.statusCode).toBe(400);
      expect(none.json()[0].description).toContain('jurisdiction_id');
      expect((await client.get('services.json', { jurisdiction_id: '370921' })).statusCode).toBe(200);
      expect((await client.get('services.json', { jurisdiction_id: '370999' })).statusCode).toBe(404);
      const mismatch = await client.post('json', { jurisdiction_id: '370922', service_code: 'relief-dibao', address_id: VILLAGE, description: 'x' });
      expect(mismatch.statusCode).toBe(400);
    });
  });
}

function problemJsonAnywhere(body: string): boolean {
  return body.includes('"type":"https://lianxin.invalid/problems');
}
