/**
 * The event: what producers send, how it is stored and how it is paged through. Pure Java and JPA
 * only; the HTTP, Redis and EJB sides adapt to these types, never the other way round.
 */
package dev.pulse.domain.event;
