import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { MinutesView } from '../../../shared/minutes';
import { documentLanguages, locales, type Language } from '../../../shared/i18n/languages';
import { actionColumns, labelledValue, outlineMinutes, printedActionRow, type MinutesOutline, type MinutesWords } from '../../../shared/minutes-house-style';
import { documentBlocks, pairBlocks, type BilingualCell, type DocBlock } from '../../../shared/minutes-layout';

const namespaces = ['minutesDoc', 'domain', 'common'] as const;

/**
 * The minutes' words in `lang`, whatever language the screen is in: the record is in the series' language(s). The
 * hook loads that language's catalogues (suspending until they arrive).
 */
function useMinutesWords(lang: Language): MinutesWords {
  const { i18n } = useTranslation([...namespaces], { lng: lang });
  return { lang, t: i18n.getFixedT(lang, [...namespaces]) as unknown as MinutesWords['t'] };
}

/** A list of lines, or the house style's "Nothing recorded." */
const Lines = ({ lines, empty }: { lines: string[]; empty: string }) =>
  lines.length ? (
    <ul>
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  ) : (
    <p>{empty}</p>
  );

/** The minutes in one language, worded by the same house-style outline every export uses. */
function OneLanguage({ o }: { o: MinutesOutline }) {
  const { labels, words } = o;
  return (
    <>
      <p className="marking-line">{o.marking}</p>
      <dl className="minutes-facts">
        {o.facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3>{labels.present}</h3>
      <Lines lines={o.present} empty={labels.nothingRecorded} />
      <h3>{labels.apologies}</h3>
      <Lines lines={o.apologies} empty={labels.nothingRecorded} />
      <p>{o.confidentiality}</p>
      {o.items.map((item) => (
        <section key={item.number} className="minutes-item" aria-labelledby={`minutes-item-${item.number}`}>
          <p className="govuk-body-s app-secondary-text">{item.heading}</p>
          <h3 id={`minutes-item-${item.number}`}>{item.title}</h3>
          {item.caseRef && (
            <p>
              {labels.caseReference} {item.caseRef}
            </p>
          )}
          <h4>{labels.background}</h4>
          {item.discussion.length === 0 && item.contributions.length === 0 && <p>{labels.nothingRecorded}</p>}
          {item.discussion.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
          {/* Each agency's contribution its own block under its own heading, never run together. */}
          {item.contributions.map((c, i) => (
            <section key={i} className="minutes-contribution" aria-labelledby={`minutes-item-${item.number}-agency-${i}`}>
              <h5 id={`minutes-item-${item.number}-agency-${i}`}>{c.heading}</h5>
              {c.paragraphs.map((p, j) => (
                <p key={j}>{p}</p>
              ))}
            </section>
          ))}
          {item.decision && (
            <>
              <p>
                <strong>{labels.decisionNumber}</strong> {item.decision.number}
              </p>
              <p>
                <strong>{labels.decision}</strong> {item.decision.decision}
              </p>
              <p>
                <strong>{labels.reasons}</strong> {item.decision.reasons || labels.nothingRecorded}
              </p>
            </>
          )}
          {item.resolved.length > 0 && (
            <>
              <p>
                <strong>{labels.resolved}</strong>
              </p>
              <ul className="resolved">
                {item.resolved.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </>
          )}
        </section>
      ))}
      <h3>{labels.actions}</h3>
      {o.actions.length ? (
        <Table columns={actionColumns(words)} rows={o.actions.map((a) => printedActionRow(words, a))} />
      ) : (
        <p>{labels.nothingRecorded}</p>
      )}
      <p>
        <strong>{labels.nextMeeting}</strong> {o.nextMeeting}
      </p>
      <p>
        <strong>{labels.distribution}</strong> {o.distribution.join('; ') || labels.nothingRecorded}
      </p>
    </>
  );
}

/** A cell in both languages: Welsh, then English on its own line, each marked with its language. */
const Cell = ({ cell }: { cell: BilingualCell }) =>
  typeof cell === 'string' ? (
    <>{cell}</>
  ) : (
    <>
      <span lang={locales.cy}>{cell.cy}</span>
      <br />
      <span lang={locales.en}>{cell.en}</span>
    </>
  );

function Table({ columns, rows }: { columns: BilingualCell[]; rows: BilingualCell[][] }) {
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                <Cell cell={c} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <td key={j}>
                  <Cell cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One block of the bilingual layout; the page's own headings sit above, so the minutes' headings start at h3. */
function Block({ block }: { block: DocBlock }) {
  switch (block.kind) {
    case 'heading':
      return block.level === 1 ? <h3>{block.text}</h3> : block.level === 2 ? <h4>{block.text}</h4> : <h5>{block.text}</h5>;
    case 'label':
      return (
        <p>
          <strong>{block.text}</strong>
        </p>
      );
    case 'labelled':
      return (
        <p>
          <strong>{block.label}</strong> {labelledValue(block)}
        </p>
      );
    case 'para':
      return <p>{block.text}</p>;
    case 'table':
      return <Table columns={block.columns} rows={block.rows} />;
  }
}

/** Welsh left, English right, block by block; what people wrote shown once, across both. */
function Bilingual({ cy, en }: { cy: MinutesOutline; en: MinutesOutline }) {
  return (
    <>
      <p className="marking-line">
        <span lang={locales.cy}>{cy.marking}</span> / <span lang={locales.en}>{en.marking}</span>
      </p>
      {pairBlocks(documentBlocks(cy), documentBlocks(en)).map((row, i) => (
        <Fragment key={i}>
          {row.kind === 'once' && <Block block={row.block} />}
          {row.kind === 'table' && <Table columns={row.columns} rows={row.rows} />}
          {row.kind === 'pair' && (
            <div className="minutes-pair">
              <div lang={locales.cy}>
                <Block block={row.cy} />
              </div>
              <div lang={locales.en}>
                <Block block={row.en} />
              </div>
            </div>
          )}
        </Fragment>
      ))}
    </>
  );
}

/** The minutes on screen in the series' minutes language(s), whatever language the rest of the screen is in. */
export function MinutesDocument({ view }: { view: MinutesView }) {
  const languages = documentLanguages(view.language ?? 'en');
  // Only the languages the minutes are in are fetched (hooks run in a fixed number: the second repeats the first).
  const first = useMinutesWords(languages[0]!);
  const second = useMinutesWords(languages[1] ?? languages[0]!);
  const outlines = [first, second].slice(0, languages.length).map((w) => outlineMinutes(view, w));
  const single = outlines.length === 1 ? outlines[0]! : null;
  return (
    <article
      className="minutes-document"
      aria-label={outlines.map((o) => o.words.t('minutesDoc:documentName')).join(' / ')}
      lang={single ? locales[single.words.lang] : undefined}
    >
      {single ? <OneLanguage o={single} /> : <Bilingual cy={outlines[0]!} en={outlines[1]!} />}
    </article>
  );
}
