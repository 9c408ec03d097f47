// The coverage map's page: which help types each municipality has, as a map, a list of white spots and a table.
import { colourClassesFor, colourClassOf, ChoroplethMap, type MunicipalityFill } from '../geo/map-svg.js';
import type { Language } from '../core/language.js';
import type { Translate } from '../core/i18n.js';
import { helpTypeCodes, helpTypes, type HelpTypeCode } from '../registry/help-types.js';
import { coverageValue, findWhiteSpots, type Coverage } from './coverage.service.js';

/** The help type's name in plain words, in the reader's language. */
export function helpTypeName(code: HelpTypeCode, language: Language): string {
  return helpTypes.find((type) => type.code === code)?.words[language].name ?? code;
}

/** The coverage map page: a choice of help type, the map with its legend, the white spots and the same data as a table. */
export function CoveragePage(props: {
  coverage: Coverage;
  helpType: HelpTypeCode | null;
  helpName: string;
  title: string;
  t: Translate;
  language: Language;
}) {
  const { coverage, helpType, helpName, t, language } = props;
  const maximum = helpType
    ? Math.max(0, ...coverage.municipalities.map((municipality) => coverageValue(municipality, helpType)))
    : helpTypeCodes.length;
  const classes = colourClassesFor(maximum);
  const fills = new Map<string, MunicipalityFill>();
  for (const municipality of coverage.municipalities) {
    if (!municipality.isoCode) continue;
    const value = coverageValue(municipality, helpType);
    fills.set(municipality.isoCode, {
      fill: colourClassOf(classes, value).colour,
      title: helpType
        ? t('coverage.path_help', { name: municipality.name, count: value })
        : t('coverage.path_all', { name: municipality.name, count: value }),
    });
  }
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: coverageStyle }} />
      <h1>{props.title}</h1>
      <p>{helpType ? t('coverage.intro_help', { help: helpName }) : t('coverage.intro')}</p>
      <form method="get" action="/coverage" class="coverage-choice no-print">
        <div class="field">
          <label for="coverage-help">{t('coverage.choose')}</label>
          <select id="coverage-help" name="help">
            <option value="" selected={helpType === null}>
              {t('coverage.all_help')}
            </option>
            {helpTypeCodes.map((code) => (
              <option value={code} selected={code === helpType}>
                {helpTypeName(code, language)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('coverage.show')}</button>
      </form>
      {coverage.includesDemoData && <p class="notice warning">{t('coverage.demo_notice')}</p>}
      <div class="coverage-layout">
        <ChoroplethMap
          titleId="coverage-map-title"
          title={t('coverage.map_title', {
            what: helpType ? t('coverage.what_help', { help: helpName }) : t('coverage.what_all'),
          })}
          fills={fills}
          attributionLabel={t('map.attribution')}
        />
        <section aria-labelledby="coverage-legend" class="coverage-legend">
          <h2 id="coverage-legend">{t('coverage.legend')}</h2>
          <p class="hint">{helpType ? t('coverage.legend_help') : t('coverage.legend_all')}</p>
          <ul>
            {classes.map((entry) => (
              <li>
                <svg width="28" height="18" viewBox="0 0 28 18" aria-hidden="true" focusable="false">
                  <rect x="1" y="1" width="26" height="16" fill={entry.colour} stroke="#3a3a3a" stroke-width="1" />
                </svg>
                <span>
                  {entry.index === 0
                    ? t('coverage.legend_zero')
                    : entry.from === entry.to
                      ? String(entry.from)
                      : `${entry.from}–${entry.to}`}
                </span>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <p class="hint">{t('coverage.rule')}</p>
      <p class="hint">{t('coverage.summary', { count: coverage.serviceCount })}</p>

      <WhiteSpots coverage={coverage} helpType={helpType} helpName={helpName} t={t} language={language} />
      <CoverageTable coverage={coverage} helpType={helpType} t={t} language={language} />
    </>
  );
}

type SectionProps = { coverage: Coverage; helpType: HelpTypeCode | null; t: Translate; language: Language };

/** Municipalities without the chosen help; without a choice, how many lack each help type. */
function WhiteSpots(props: SectionProps & { helpName: string }) {
  const { coverage, helpType, helpName, t, language } = props;
  const whiteSpots = helpType ? findWhiteSpots(coverage, helpType) : [];
  return (
    <section aria-labelledby="white-spots">
      <h2 id="white-spots">{t('coverage.white_spots')}</h2>
      {helpType ? (
        whiteSpots.length === 0 ? (
          <p>{t('coverage.no_white_spots')}</p>
        ) : (
          <>
            <p>{t('coverage.white_spots_help', { help: helpName, count: whiteSpots.length })}</p>
            <ul class="white-spot-list">
              {whiteSpots.map((municipality) => (
                <li>{municipality.name}</li>
              ))}
            </ul>
          </>
        )
      ) : (
        <>
          <p>{t('coverage.white_spots_all')}</p>
          <ul>
            {helpTypeCodes.map((code) => (
              <li>
                <a href={`/coverage?help=${code}`}>
                  {t('coverage.missing_in', {
                    help: helpTypeName(code, language),
                    count: findWhiteSpots(coverage, code).length,
                  })}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The map's data as a table, one row per municipality. */
function CoverageTable(props: SectionProps) {
  const { coverage, helpType, t, language } = props;
  return (
    // One landmark, not two of the same name: the scrollable table is the region (a keyboard can reach and scroll
    // it); the section around it stays a plain section.
    <section>
      <h2 id="coverage-table">{t('coverage.table')}</h2>
      <div class="table-scroll" tabindex={0} role="region" aria-labelledby="coverage-table">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('coverage.column_municipality')}</th>
              {helpType ? (
                <th scope="col" class="number">
                  {t('coverage.column_services')}
                </th>
              ) : (
                <>
                  <th scope="col" class="number">
                    {t('coverage.column_types')}
                  </th>
                  <th scope="col">{t('coverage.column_missing')}</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {coverage.municipalities.map((municipality) => (
              <tr>
                <th scope="row">{municipality.name}</th>
                {helpType ? (
                  <td class="number">{municipality.servicesByHelpType[helpType]}</td>
                ) : (
                  <>
                    <td class="number">{municipality.helpTypesAvailable}</td>
                    <td>
                      {municipality.missingHelpTypes.length === 0
                        ? t('coverage.nothing_missing')
                        : municipality.missingHelpTypes.map((code) => helpTypeName(code, language)).join(', ')}
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

// Page-specific rules: the shared stylesheet belongs to everyone, so the map's few rules travel with the page.
const coverageStyle = `
.latvia-map { margin: 0 0 0.5rem; }
.latvia-map svg { display: block; width: 100%; height: auto; }
.map-attribution { font-size: 0.8rem; color: var(--muted); }
.coverage-choice { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: flex-end; }
.coverage-choice .field { flex: 1 1 16rem; margin-bottom: 0; }
.coverage-legend ul { list-style: none; padding: 0; margin: 0; }
.coverage-legend li { display: flex; align-items: center; gap: 0.5rem; margin: 0.2rem 0; }
.coverage-legend h2 { margin-top: 0.5rem; }
.white-spot-list { columns: 14rem; }
tbody th { font-weight: 400; }
@media (min-width: 60rem) { .coverage-layout { display: grid; grid-template-columns: 3fr 1fr; gap: 1.5rem; align-items: start; } }
@media print { .latvia-map svg { max-height: 12cm; } .coverage-layout { display: grid; grid-template-columns: 3fr 1fr; gap: 1rem; } }
`;
