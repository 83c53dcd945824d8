import { Select, Typography } from 'antd';
import { useState } from 'react';
import { hasAnyRole } from '../../shared/roles.ts';
import { CADRE_ROLES } from '../access.ts';
import { useApi } from '../hooks/useApi.ts';
import { useDebounced } from '../hooks/useDebounced.ts';
import { useI18n } from '../i18n/index.tsx';
import type { TUser } from '../types.ts';
import { usersApi } from '../../shared/api/users.ts';
import { call } from '../api.ts';

/**
 * Picks a cadre (an active account that can be paired with a family) of the admin's area,
 * searching GET /api/users by name or username as one types.
 *
 * @example
 * <Form.Item name="cadreId"><CadrePicker exclude={[current.cadre.id]} /></Form.Item>
 */
export function CadrePicker({ value, onChange, exclude = [], id }: { value?: string; onChange?(id: string): void; exclude?: readonly string[]; id?: string }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, loading } = useApi((signal) => call(usersApi.listUsers, { query: { q, limit: 30 } }, { signal }), [q]);
  // The chosen one stays an option (and keeps its name) while the search moves on.
  const [chosen, setChosen] = useState<TUser>();
  const found = (data?.items ?? []).filter((u) => u.active && hasAnyRole(u.roles, CADRE_ROLES) && !exclude.includes(u.id));
  const cadres = chosen && chosen.id === value && !found.some((u) => u.id === chosen.id) ? [chosen, ...found] : found;

  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(v) => {
        setChosen(cadres.find((u) => u.id === v));
        onChange?.(v);
      }}
      loading={loading}
      placeholder={t('pairing.cadreSearch')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={loading ? undefined : t('report.noCadres')}
      data-testid="cadre-picker"
      options={cadres.map((u) => ({
        value: u.id,
        label: `${u.displayName}（${u.username}）`,
        region: u.regionName,
      }))}
      optionRender={(option) => (
        <div>
          <div>{option.label}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {option.data.region}
          </Typography.Text>
        </div>
      )}
    />
  );
}
