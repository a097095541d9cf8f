/** The item on screen: its title, case details, shared notes and the item's work (contributions, decision, actions). */
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { isCaseKind } from '../../../shared/domain';
import { updateCaseDetails, type AgendaItem } from '../../../shared/meeting-doc';
import type { MeetingDetailView, UserView } from '../../../shared/api-types';
import type { EditingFocus } from '../../live/useEditingFocus';
import { CaseDetailsEditor, CaseSummary } from './CaseDetailsView';
import { ItemWork } from './ItemWork';
import { Tag } from '../../components/Tag';
import { CaseBriefing } from './CaseBriefing';

// The editor is most of the bundle: load it only when a meeting page needs it.
const CaseNotes = lazy(() => import('./CaseNotes').then((m) => ({ default: m.CaseNotes })));

interface Props {
  doc: Y.Doc;
  provider: WebsocketProvider | null;
  item: AgendaItem | null;
  /** 1-based place of the item in the agenda. */
  number: number;
  isCurrent: boolean;
  /** What to say when there is no item to show. */
  emptyText: string;
  readOnly: boolean;
  meeting: MeetingDetailView;
  user: UserView;
  focus: EditingFocus;
  onDetailsError(): void;
  /** Shown under the item's shared work, outside its editing area (the chair's restricted notes). */
  below?: ReactNode;
  /** The meeting is open (the chair may agree the last minutes only then). */
  live?: boolean;
}

export function ItemStage({ doc, provider, item, number, isCurrent, emptyText, readOnly, meeting, user, focus, onDetailsError, below, live = false }: Props) {
  const { t } = useTranslation(['room', 'domain']);
  if (!item) {
    return (
      <section className="item-stage" aria-labelledby="stage-heading">
        <h2 id="stage-heading" tabIndex={-1}>
          {t('stage.onScreen')}
        </h2>
        <p>{emptyText}</p>
      </section>
    );
  }
  const label = t('stage.itemLabel', { number, title: item.title });
  return (
    <section className="item-stage" aria-labelledby="stage-heading" data-item-id={item.id}>
      <p className="item-stage-kind">
        {t('stage.kind', { number, kind: t(`domain:itemKind.${item.kind}`) })}
        {item.caseRef && <span className="case-ref">{t('stage.case', { caseRef: item.caseRef })}</span>}
        {isCurrent && <Tag colour="blue">{t('stage.nowDiscussing')}</Tag>}
      </p>
      <h2 id="stage-heading" tabIndex={-1}>
        {item.title}
      </h2>
      {isCaseKind(item.kind) && <CaseSummary details={item.details} />}
      {item.caseRef && <CaseBriefing meeting={meeting} caseRef={item.caseRef} />}
      {/* Focus anywhere in here is "editing this item" for the room's presence list. */}
      <div className="item-editing" {...focus.handlers}>
        {isCaseKind(item.kind) && !readOnly && (
          <CaseDetailsEditor
            key={item.id}
            label={label}
            details={item.details}
            onChange={(patch) => {
              try {
                updateCaseDetails(doc, item.id, patch);
              } catch {
                onDetailsError();
              }
            }}
          />
        )}
        {provider && (
          <Suspense fallback={<p className="notes-loading">{t('stage.loadingEditor')}</p>}>
            <CaseNotes key={`${item.id}:${provider.roomname}`} doc={doc} provider={provider} itemId={item.id} itemTitle={item.title} user={user} readOnly={readOnly} />
          </Suspense>
        )}
        <ItemWork doc={doc} item={item} readOnly={readOnly} meeting={meeting} live={live} />
      </div>
      {below}
    </section>
  );
}
