/**
 * The socket.io packet parser for teacher sockets, with room for the binary maps of a whole
 * class. socket.io-parser refuses a packet with more than 10 binary attachments by default and
 * closes the connection ("parse error"); a teacher frame carries up to MAX_MAPS_PER_FRAME maps
 * and a snapshot one map per student, each a separate attachment.
 *
 * socket.io-parser is socket.io-client's own parser (same package and version), so this only
 * changes the limit.
 */
import { Decoder, Encoder, protocol } from "socket.io-parser";

/**
 * Attachments allowed in one packet: a snapshot of a class of up to 2,000 students. We trust our
 * own server; the limit only stops a runaway packet from allocating without bound.
 */
export const MAX_PACKET_ATTACHMENTS = 2000;

class ClassDecoder extends Decoder {
  constructor() {
    super({ maxAttachments: MAX_PACKET_ATTACHMENTS });
  }
}

/** Pass as socket.io-client's `parser` option. */
export const teacherSocketParser = { protocol, Encoder, Decoder: ClassDecoder };
