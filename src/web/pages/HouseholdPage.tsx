import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Col, Row, Skeleton } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { hasAnyRole } from '../../shared/roles.ts';
import { PAIRING_WRITE_ROLES, REGISTRY_WRITE_ROLES } from '../access.ts';
import { registryApi } from '../../shared/api/registry.ts';
import { call } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { AddHardshipModal } from '../components/household/AddHardshipModal.tsx';
import { AssignCadreModal } from '../components/household/AssignCadreModal.tsx';
import { inForce } from '../components/household/dated.ts';
import { EndHardshipModal } from '../components/household/EndHardshipModal.tsx';
import { EndPairingModal } from '../components/household/EndPairingModal.tsx';
import { HardshipCard } from '../components/household/HardshipCard.tsx';
import { HistoryCard } from '../components/household/HistoryCard.tsx';
import { HouseholdHeader } from '../components/household/HouseholdHeader.tsx';
import { householdTitle } from '../components/household/householdTitle.ts';
import { MembersTable } from '../components/household/MembersTable.tsx';
import { PairingCard } from '../components/household/PairingCard.tsx';
import { TransferPairingModal } from '../components/household/TransferPairingModal.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useHardshipCategories } from '../hooks/useHardshipCategories.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';
import type { HardshipLabel, TPairing } from '../types.ts';

type Dialog =
  | { kind: 'addHardship' }
  | { kind: 'endHardship'; label: HardshipLabel }
  | { kind: 'assign' }
  | { kind: 'transfer'; pairing: TPairing }
  | { kind: 'endPairing'; pairing: TPairing }
  | null;

/** A household: its members (masked, reveal per role), hardship labels, paired cadres and change history. */
export function HouseholdPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t } = useI18n();
  const categories = useHardshipCategories();
  const [dialog, setDialog] = useState<Dialog>(null);
  const { data, error, loading, reload } = useApi((signal) => call(registryApi.getHousehold, { params: { id } }, { signal }), [id]);
  const household = data?.id === id ? data : undefined;
  useTitle(household ? householdTitle(t, household) : t('nav.registry'));

  if (error && !loading) return <LoadError error={error} title={t('household.notFoundTitle')} onRetry={reload} />;
  if (!household) return <Skeleton active paragraph={{ rows: 10 }} />;

  const canLabel = hasAnyRole(me.roles, REGISTRY_WRITE_ROLES);
  const canPair = hasAnyRole(me.roles, PAIRING_WRITE_ROLES);
  const current = household.hardship.filter((l) => inForce(l.validTo));
  const done = () => {
    setDialog(null);
    reload();
  };

  return (
    <div data-testid="household-page" data-household-id={household.id}>
      <Link to="/registry" style={{ display: 'inline-block', marginBottom: 12 }}>
        <ArrowLeftOutlined /> {t('household.backToList')}
      </Link>
      <HouseholdHeader household={household} current={[...new Set(current.map((l) => l.categoryCode))]} nameOf={categories.nameOf} />
      <Card title={`${t('household.members')}（${household.members.length}）`} style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
        <MembersTable members={household.members} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <HardshipCard
            labels={household.hardship}
            nameOf={categories.nameOf}
            canWrite={canLabel}
            onAdd={() => setDialog({ kind: 'addHardship' })}
            onEnd={(label) => setDialog({ kind: 'endHardship', label })}
          />
        </Col>
        <Col xs={24} lg={12}>
          <PairingCard
            pairings={household.pairings}
            eligible={current.length > 0}
            canWrite={canPair}
            onAssign={() => setDialog({ kind: 'assign' })}
            onTransfer={(pairing) => setDialog({ kind: 'transfer', pairing })}
            onEnd={(pairing) => setDialog({ kind: 'endPairing', pairing })}
          />
        </Col>
      </Row>
      <HistoryCard history={household.history} nameOf={categories.nameOf} />

      {dialog?.kind === 'addHardship' && <AddHardshipModal household={household} categories={categories.active} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'endHardship' && (
        <EndHardshipModal householdId={household.id} label={dialog.label} name={categories.nameOf(dialog.label.categoryCode)} onClose={() => setDialog(null)} onDone={done} />
      )}
      {dialog?.kind === 'assign' && <AssignCadreModal household={household} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'transfer' && <TransferPairingModal pairing={dialog.pairing} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'endPairing' && <EndPairingModal pairing={dialog.pairing} onClose={() => setDialog(null)} onDone={done} />}
    </div>
  );
}
