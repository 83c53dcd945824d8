import { Tag } from 'antd';

/** One colour per category, so that a label reads the same on every page. */
const COLORS: Record<string, string> = {
  dibao: 'volcano',
  tekun: 'red',
  disability: 'purple',
  elderly_alone: 'gold',
  left_behind_child: 'cyan',
  serious_illness: 'magenta',
  poverty_monitoring: 'orange',
  veteran_family: 'geekblue',
};

/** Hardship categories as tags, named in the interface language. */
export function HardshipTags({ codes, nameOf }: { codes: readonly string[]; nameOf(code: string): string }) {
  if (!codes.length) return null;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {codes.map((code) => (
        <Tag key={code} color={COLORS[code] ?? 'default'} style={{ marginInlineEnd: 0 }} data-category={code}>
          {nameOf(code)}
        </Tag>
      ))}
    </span>
  );
}
