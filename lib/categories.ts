/**
 * The cross-city vocabularies: the category taxonomy every crosswalk maps into, and the intake
 * channels. Written once here; the pipeline validates each city's config against them and the
 * app reads the same words. Meanings and per-city examples: docs/categories.md.
 */

/** Categories of 311 service requests. */
export const SERVICE_CATEGORIES = [
  'Streets & sidewalks',
  'Traffic, signs & lights',
  'Parking & vehicles',
  'Waste & cleaning',
  'Graffiti',
  'Trees & parks',
  'Water & sewer',
  'Snow & ice',
  'Noise',
  'Animals & pests',
  'Housing & buildings',
  'General requests',
] as const;

/** Categories of police incidents, after the source's own offence category. */
export const CRIME_CATEGORIES = ['Violent crime', 'Property crime', 'Other offences'] as const;

/** A type that neither its group nor the crosswalk places: reported as drift, never guessed. */
export const UNMAPPED_CATEGORY = 'Unmapped';

export type CityKind = '311' | 'crime';

export function categoriesFor(kind: CityKind): readonly string[] {
  return kind === 'crime' ? CRIME_CATEGORIES : SERVICE_CATEGORIES;
}

/** How a request reached the city, in words shared by every city. */
export const CHANNELS = ['Phone', 'Web', 'Mobile app', 'Email', 'Staff/internal', 'Other'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The city publishes no channel for the record (no column, or an empty value). */
export const CHANNEL_NOT_PUBLISHED = 'Not published';
