/** Encoding the server's y-websocket frames: a message type, then its body. */
import * as encoding from 'lib0/encoding';
import { yMessage, type YjsStatusMessage } from '../../shared/protocol.js';

export function encodeMessage(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const statusMessage = (status: YjsStatusMessage): Uint8Array =>
  encodeMessage(yMessage.status, (e) => encoding.writeVarString(e, JSON.stringify(status)));
