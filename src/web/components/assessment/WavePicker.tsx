import { Select } from 'antd';

/** A survey wave as the results' wave list gives it. */
interface PickableWave {
  id: string;
  name: string;
  status: string;
  startsOn: string;
  endsOn: string;
}

/**
 * The waves a scheme names: only closed waves can be assessed, so only they are offered (with
 * any already chosen, so an older scheme still shows its own).
 *
 * @example
 * <WavePicker waves={waves.data?.items ?? []} loading={waves.loading} value={waveIds} onChange={setWaveIds} testId="assessment-waves" />
 */
export function WavePicker({ waves, loading, value, onChange, testId }: { waves: readonly PickableWave[]; loading: boolean; value: string[]; onChange: (ids: string[]) => void; testId: string }) {
  return (
    <Select
      mode="multiple"
      style={{ minWidth: 320 }}
      value={value}
      onChange={onChange}
      loading={loading}
      data-testid={testId}
      options={waves.filter((w) => w.status === 'closed' || value.includes(w.id)).map((w) => ({ value: w.id, label: `${w.name}（${w.startsOn} – ${w.endsOn}）` }))}
    />
  );
}
