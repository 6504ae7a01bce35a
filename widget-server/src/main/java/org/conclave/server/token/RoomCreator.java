package org.conclave.server.token;

/** Creates LiveKit rooms (for users of full-access homeservers). */
public interface RoomCreator {
    /** Creates {@code room}, or leaves an existing one as it is; throws {@link TokenException} on failure. */
    void create(String room);
}
