import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Drawer, Empty, Form, Input, InputNumber, Row, Select, Space, Switch, Tag, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { caseCategoriesApi } from '../../shared/api/case-config.ts';
import { departmentsApi } from '../../shared/api/users.ts';
import { ZCaseCategoryCode, type TCaseCategory, type TCaseCategoryNode } from '../../shared/cases/case-config-schemas.ts';
import { CASE_LEVELS } from '../../shared/cases/index.ts';
import { SURVEY_DOMAINS } from '../../shared/schemas/survey.ts';
import { call } from '../api.ts';
import { applyIssues, errorText } from '../components/errors.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { requiredRule } from '../components/rules.ts';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';

interface TreeNode {
  key: string;
  title: React.ReactNode;
  children: TreeNode[];
}
type Values = Omit<TCaseCategory, 'id' | 'departmentName' | 'updatedAt'>;
type Editing = { kind: 'add'; parentId: string | null } | { kind: 'edit'; category: TCaseCategory } | null;

const FIELDS = ['code', 'name', 'nameEn', 'description', 'parentId', 'domain', 'departmentId', 'startLevel', 'responseHours', 'resolveDays', 'urgentHours', 'open311', 'active', 'sort'] as const;

const flatten = (nodes: readonly TCaseCategoryNode[], depth = 0): (TCaseCategory & { depth: number })[] => nodes.flatMap((n) => [{ ...n, depth }, ...flatten(n.children, depth + 1)]);

/** 诉求分类: the county's category tree, and a drawer to add or change a category (county admins). */
export function CaseCategoriesPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  useTitle(t('caseConfig.categories.title'));
  const tree = useApi((signal) => call(caseCategoriesApi.listCaseCategories, {}, { signal }), []);
  const departments = useApi((signal) => call(departmentsApi.listDepartments, undefined, { signal }), []);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();

  const all = useMemo(() => flatten(tree.data?.items ?? []), [tree.data]);
  const selected = all.find((c) => c.id === selectedId) ?? null;
  const label = (c: Pick<TCaseCategory, 'name' | 'nameEn'>) => (locale === 'en' ? c.nameEn : c.name);

  const toTree = (nodes: readonly TCaseCategoryNode[]): TreeNode[] =>
    nodes.map((n) => ({
      key: n.id,
      title: (
        <Space size={4}>
          <Typography.Text type={n.active ? undefined : 'secondary'} delete={!n.active}>
            {label(n)}
          </Typography.Text>
          {!n.active && <Tag>{t('caseConfig.categories.inactive')}</Tag>}
          {n.open311 && <Tag color="blue">{t('caseConfig.categories.open311')}</Tag>}
        </Space>
      ),
      children: toTree(n.children),
    }));

  const open = (next: Editing) => {
    setEditing(next);
    form.resetFields();
    if (next?.kind === 'edit') form.setFieldsValue(next.category);
    else if (next) {
      const parent = all.find((c) => c.id === next.parentId);
      form.setFieldsValue({
        parentId: next.parentId,
        domain: parent?.domain ?? null,
        departmentId: parent?.departmentId ?? null,
        startLevel: 'village',
        responseHours: 8,
        resolveDays: 7,
        urgentHours: 24,
        open311: false,
        active: true,
        description: '',
        sort: Math.max(0, ...all.filter((c) => c.parentId === next.parentId).map((c) => c.sort)) + 1,
      });
    }
  };

  const save = async (v: Values) => {
    setSaving(true);
    try {
      const { code, ...changes } = v;
      const saved =
        editing?.kind === 'edit'
          ? await call(caseCategoriesApi.updateCaseCategory, { params: { id: editing.category.id }, body: changes })
          : await call(caseCategoriesApi.createCaseCategory, { body: { ...changes, code: code.trim() } });
      void message.success(t('caseConfig.categories.saved', { name: saved.name }));
      setEditing(null);
      setSelectedId(saved.id);
      tree.reload();
    } catch (e) {
      applyIssues(form, e, FIELDS);
      void message.error(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  const levelLabel = (level: string) => t(`caseConfig.level.${level}` as MessageKey);
  const domainLabel = (domain: string | null) => (domain ? t(`survey.domain.${domain}` as MessageKey) : t('caseConfig.field.domainNone'));
  const editingId = editing?.kind === 'edit' ? editing.category.id : null;
  // A category cannot move under itself or its own subtree (the server says so too: 422 case_category_cycle).
  const insideEdited = (c: TCaseCategory): boolean => {
    for (let at: TCaseCategory | undefined = c; at; at = all.find((p) => p.id === at!.parentId)) if (at.id === editingId) return true;
    return false;
  };

  return (
    <>
      <PageHeader
        title={t('caseConfig.categories.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ kind: 'add', parentId: null })}>
            {t('caseConfig.categories.add')}
          </Button>
        }
      />
      <Alert type="info" showIcon title={t('caseConfig.categories.hint')} style={{ marginBottom: 16 }} />
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Card loading={tree.loading}>
            {all.length === 0 ? (
              <Empty description={t('caseConfig.categories.empty')} />
            ) : (
              <Tree defaultExpandAll blockNode treeData={toTree(tree.data?.items ?? [])} selectedKeys={selectedId ? [selectedId] : []} onSelect={(keys) => setSelectedId((keys[0] as string | undefined) ?? null)} />
            )}
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card
            title={selected ? label(selected) : undefined}
            extra={
              selected && (
                <Space>
                  <Button onClick={() => open({ kind: 'add', parentId: selected.id })} disabled={!selected.active}>
                    {t('caseConfig.categories.addChild')}
                  </Button>
                  <Button type="primary" onClick={() => open({ kind: 'edit', category: selected })}>
                    {t('common.edit')}
                  </Button>
                </Space>
              )
            }
          >
            {selected ? (
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label={t('caseConfig.field.code')}>
                  <Typography.Text code>{selected.code}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('caseConfig.field.nameEn')}>{selected.nameEn}</Descriptions.Item>
                {selected.description && <Descriptions.Item label={t('caseConfig.field.description')}>{selected.description}</Descriptions.Item>}
                <Descriptions.Item label={t('caseConfig.field.domain')}>{domainLabel(selected.domain)}</Descriptions.Item>
                <Descriptions.Item label={t('caseConfig.field.department')}>{selected.departmentName ?? t('caseConfig.field.departmentNone')}</Descriptions.Item>
                <Descriptions.Item label={t('caseConfig.field.startLevel')}>{levelLabel(selected.startLevel)}</Descriptions.Item>
                <Descriptions.Item label={t('caseConfig.field.resolveDays')}>
                  {t('caseConfig.deadlines', { response: selected.responseHours, resolve: selected.resolveDays, urgent: selected.urgentHours })}
                </Descriptions.Item>
                <Descriptions.Item label={t('caseConfig.field.open311')}>{selected.open311 ? '✓' : '—'}</Descriptions.Item>
                <Descriptions.Item label={t('caseConfig.field.active')}>{selected.active ? t('caseConfig.field.activeOn') : t('caseConfig.field.activeOff')}</Descriptions.Item>
              </Descriptions>
            ) : (
              <Empty description={t('caseConfig.categories.select')} />
            )}
          </Card>
        </Col>
      </Row>
      <Drawer
        open={editing !== null}
        size="large"
        title={editing?.kind === 'edit' ? t('caseConfig.categories.edit') : t('caseConfig.categories.add')}
        onClose={() => setEditing(null)}
        extra={
          <Space>
            <Button onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="category-save">
              {t('common.save')}
            </Button>
          </Space>
        }
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item
            name="code"
            label={t('caseConfig.field.code')}
            extra={t('caseConfig.field.codeRule')}
            rules={editing?.kind === 'edit' ? [] : [requiredRule(t), { validator: (_, v: string | undefined) => (!v || ZCaseCategoryCode.safeParse(v.trim()).success ? Promise.resolve() : Promise.reject(new Error(t('caseConfig.field.codeRule')))) }]}
          >
            <Input maxLength={40} disabled={editing?.kind === 'edit'} autoCapitalize="off" spellCheck={false} style={{ fontFamily: 'ui-monospace, monospace' }} />
          </Form.Item>
          <Form.Item name="name" label={t('caseConfig.field.name')} rules={[requiredRule(t), { max: 60, whitespace: true }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('caseConfig.field.nameEn')} rules={[requiredRule(t), { max: 120, whitespace: true }]}>
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item name="description" label={t('caseConfig.field.description')}>
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
          <Form.Item name="parentId" label={t('caseConfig.field.parent')}>
            <Select
              options={[{ value: null as string | null, label: t('caseConfig.field.parentNone') }, ...all.filter((c) => !insideEdited(c)).map((c) => ({ value: c.id as string | null, label: `${'　'.repeat(c.depth)}${label(c)}`, disabled: !c.active }))]}
            />
          </Form.Item>
          <Form.Item name="domain" label={t('caseConfig.field.domain')}>
            <Select options={[{ value: null as string | null, label: t('caseConfig.field.domainNone') }, ...SURVEY_DOMAINS.map((d) => ({ value: d as string | null, label: domainLabel(d) }))]} />
          </Form.Item>
          <Form.Item name="departmentId" label={t('caseConfig.field.department')}>
            <Select
              showSearch
              optionFilterProp="label"
              options={[{ value: null as string | null, label: t('caseConfig.field.departmentNone') }, ...(departments.data?.items ?? []).map((d) => ({ value: d.id as string | null, label: locale === 'en' && d.nameEn ? d.nameEn : d.name }))]}
            />
          </Form.Item>
          <Form.Item name="startLevel" label={t('caseConfig.field.startLevel')} rules={[requiredRule(t)]}>
            <Select options={CASE_LEVELS.map((l) => ({ value: l, label: levelLabel(l) }))} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="responseHours" label={t('caseConfig.field.responseHours')} rules={[requiredRule(t)]}>
              <InputNumber min={1} max={240} precision={0} />
            </Form.Item>
            <Form.Item name="resolveDays" label={t('caseConfig.field.resolveDays')} rules={[requiredRule(t)]}>
              <InputNumber min={1} max={90} precision={0} />
            </Form.Item>
            <Form.Item name="urgentHours" label={t('caseConfig.field.urgentHours')} rules={[requiredRule(t)]}>
              <InputNumber min={1} max={240} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item name="sort" label={t('caseConfig.field.sort')} rules={[requiredRule(t)]}>
            <InputNumber min={0} max={10000} precision={0} />
          </Form.Item>
          <Form.Item name="open311" label={t('caseConfig.field.open311')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="active" label={t('caseConfig.field.active')} valuePropName="checked" extra={t('caseConfig.field.activeHint')}>
            <Switch checkedChildren={t('caseConfig.field.activeOn')} unCheckedChildren={t('caseConfig.field.activeOff')} />
          </Form.Item>
        </Form>
      </Drawer>
    </>
  );
}
