/**
 * Identifiers and enumerations of the domain (ids are records, never bare strings). Pure: depends on nothing but the JDK.
 */
package io.meseta.core.model;
