/**
 * The server's first draw of the choropleth (choropleth-svg.ts), rendered into the page's HTML and
 * handed to the client map as a node: painted with the HTML, before any script runs, and
 * removed by MapFrame once the interactive map has drawn. No hooks, so it renders on the server
 * inside a client component's props. Decorative to assistive technology: the map's own label
 * and the legend say what it shows.
 */
import { HOTSPOT_COLOR, OUTLINE_COLOR, SELECTED_COLOR, toCss } from '@/lib/palette';
import type { ChoroplethSvg } from './choropleth-svg';

/** The fill's opacity in the WebGL map (alpha 230 of 255), so the two draw the same colours. */
const FILL_OPACITY = 230 / 255;
const HATCH_ID = 'first-draw-hatch';

export function FirstDraw({ svg }: { svg: ChoroplethSvg }) {
  const tooFew = svg.shapes.filter((shape) => shape.tooFew);
  const outlined = svg.shapes.filter((shape) => shape.outline !== null);
  return (
    <svg
      className="first-draw"
      data-testid="choropleth-svg"
      data-ready="true"
      data-feature-count={svg.shapes.length}
      viewBox={`0 0 ${svg.width} ${svg.height}`}
      preserveAspectRatio="xMidYMid meet"
      aria-hidden="true"
      focusable="false"
    >
      {tooFew.length ? (
        <defs>
          <pattern
            id={HATCH_ID}
            patternUnits="userSpaceOnUse"
            width="4"
            height="4"
            patternTransform="rotate(45)"
          >
            <line x1="0" y1="0" x2="0" y2="4" stroke="rgb(70 78 88 / 0.78)" strokeWidth="1.5" />
          </pattern>
        </defs>
      ) : null}
      <g
        fillOpacity={FILL_OPACITY}
        fillRule="evenodd"
        stroke={toCss(OUTLINE_COLOR)}
        strokeOpacity={220 / 255}
        strokeWidth="1"
        strokeLinejoin="round"
      >
        {svg.shapes.map((shape) => (
          <path
            key={shape.key}
            d={shape.d}
            fill={shape.fill}
            data-area={shape.key}
            vectorEffect="non-scaling-stroke"
          />
        ))}
      </g>
      {tooFew.length ? (
        <g fill={`url(#${HATCH_ID})`} fillRule="evenodd" stroke="none">
          {tooFew.map((shape) => (
            <path key={shape.key} d={shape.d} data-too-few={shape.key} />
          ))}
        </g>
      ) : null}
      <g fill="none" fillRule="evenodd" strokeLinejoin="round">
        {outlined.map((shape) => (
          <path
            key={shape.key}
            d={shape.d}
            data-outline={shape.outline ?? undefined}
            stroke={toCss(shape.outline === 'selected' ? SELECTED_COLOR : HOTSPOT_COLOR)}
            strokeWidth={shape.outline === 'selected' ? 3 : 2.5}
            vectorEffect="non-scaling-stroke"
          />
        ))}
      </g>
    </svg>
  );
}
