// Side-effect CSS imports (maplibre-gl's stylesheet); Next bundles them.
declare module '*.css';
