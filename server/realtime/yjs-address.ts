/**
 * Which meeting document a Yjs upgrade asks for, or why it is refused — read from the raw request URL before any
 * session or storage is asked, in the same words REST gives for the same faults:
 * - %00 anywhere (the only way NUL reaches a URL): 400, as `refuseNulInAddress` answers REST. No id can hold NUL,
 *   and PostgreSQL refuses even to compare text with it;
 * - percent-encoding that does not decode (`%`, `%E0%A4%A`): 400, as Express's URIError answers REST;
 * - anything else that is not /yjs/<id> or /yjs/<id>/restricted (an over-long or odd id, another document kind): 404.
 */
import { parseYjsPath, type YjsDocAddress } from '../../shared/protocol.js';
import { msg as anyMsg } from '../../shared/i18n/message.js';
import { AppError, msg } from '../errors.js';
import { requestPath } from '../http/request-path.js';

export function readYjsAddress(url: string | undefined): YjsDocAddress | AppError {
  if (typeof url === 'string' && /%00/.test(url)) return new AppError('bad_request', msg('errors:addressHoldsNul'));
  const path = requestPath(url);
  try {
    decodeURIComponent(path);
  } catch {
    return new AppError('bad_request', msg('errors:theAddressHasBadPercentEncoding'));
  }
  return parseYjsPath(path) ?? new AppError('not_found', anyMsg('room:server.unknownPath'));
}
