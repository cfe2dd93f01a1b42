/**
 * Who may talk to the gateway and how much they may send: authentication of frameworks,
 * operators and agents (HTTP Basic against a Mesos credentials file, JWT bearer tokens), the
 * principal check on SUBSCRIBE, and the input limits every entry point enforces (frame, message
 * and body sizes, JSON depth, id rules, per-call counts, idle connections, message and request
 * rates, connection caps). Depends on the protocol classes and Vert.x; the services behind the
 * gateway never see unauthenticated or over-limit input.
 */
package io.meseta.gateway.security;
