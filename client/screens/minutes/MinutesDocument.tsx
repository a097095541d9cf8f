import type { MinutesView } from '../../../shared/minutes';
import { actionColumns, labels, nothingRecorded, outlineMinutes, printedActionRow } from '../../../shared/minutes-house-style';

/** A list of lines, or the house style's "Nothing recorded." */
const Lines = ({ lines }: { lines: string[] }) =>
  lines.length ? (
    <ul>
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  ) : (
    <p>{nothingRecorded}</p>
  );

/** The minutes on screen, worded by the same house-style outline every export uses. */
export function MinutesDocument({ view }: { view: MinutesView }) {
  const o = outlineMinutes(view);
  return (
    <article className="minutes-document" aria-label="Minutes">
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
      <Lines lines={o.present} />
      <h3>{labels.apologies}</h3>
      <Lines lines={o.apologies} />
      <p>{o.confidentiality}</p>
      {o.items.map((item) => (
        <section key={item.number} className="minutes-item" aria-labelledby={`minutes-item-${item.number}`}>
          <p className="govuk-body-s app-secondary-text">{item.heading}</p>
          <h3 id={`minutes-item-${item.number}`}>{item.title}</h3>
          {item.caseRef && <p>Case reference: {item.caseRef}</p>}
          <h4>{labels.background}</h4>
          {item.discussion.length === 0 && item.contributions.length === 0 && <p>{nothingRecorded}</p>}
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
                <strong>{labels.reasons}</strong> {item.decision.reasons || nothingRecorded}
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
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                {actionColumns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {o.actions.map((a, i) => (
                <tr key={i}>
                  {printedActionRow(a).map((cell, j) => (
                    <td key={j}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{nothingRecorded}</p>
      )}
      <p>
        <strong>{labels.nextMeeting}</strong> {o.nextMeeting}
      </p>
      <p>
        <strong>{labels.distribution}</strong> {o.distribution.join('; ') || nothingRecorded}
      </p>
    </article>
  );
}
