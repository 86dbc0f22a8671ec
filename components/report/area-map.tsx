/** The briefing's static map: the area filled, its neighbours shaded and named, the rest faint. */
import type { FeatureCollection } from 'geojson';
import { getTranslations } from 'next-intl/server';
import { areaMapSvg } from './area-map-svg';

export async function AreaMap({
  boundary,
  areaKey,
  areaName,
  levelLabel,
}: {
  boundary: FeatureCollection | null;
  areaKey: string;
  areaName: string;
  levelLabel: string;
}) {
  const t = await getTranslations('report');
  const level = levelLabel.toLowerCase();
  const map = boundary ? areaMapSvg(boundary, areaKey) : null;
  if (!map) {
    return <p className="report-map-missing">{t('areaMap.missing', { level })}</p>;
  }
  const neighbours = map.shapes.filter((shape) => shape.role === 'neighbour');
  return (
    <figure className="report-map" data-testid="report-map">
      <svg
        viewBox={`0 0 ${map.width} ${map.height}`}
        role="img"
        aria-label={t('areaMap.label', {
          area: areaName,
          level,
          names: neighbours.map((s) => s.name).join(', '),
        })}
      >
        {map.shapes.map((shape) => (
          <path
            key={shape.key}
            d={shape.d}
            className={`report-map-${shape.role}`}
            data-area={shape.key}
          />
        ))}
        {map.shapes
          .filter((shape) => shape.role !== 'other')
          .map((shape) => (
            <text
              key={`label-${shape.key}`}
              x={shape.label[0]}
              y={shape.label[1]}
              className={`report-map-label report-map-label-${shape.role}`}
              textAnchor="middle"
            >
              {shape.name}
            </text>
          ))}
      </svg>
      <figcaption>
        {t('areaMap.caption', { area: areaName, count: neighbours.length, level })}
      </figcaption>
    </figure>
  );
}
