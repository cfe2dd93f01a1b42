/**
 * The web console: static ES modules and CSS from {@code webroot/} in the jar, served at
 * {@code /}, plus a same-origin proxy to the agents' sandbox files (the browser may not reach an
 * agent's port, and the agents send no CORS headers). Holds no state; depends on master.bus
 * and Vert.x Web.
 */
package io.meseta.gateway.console;
