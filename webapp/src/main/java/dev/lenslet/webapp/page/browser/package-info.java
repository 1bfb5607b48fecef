/**
 * JSO bindings for the browser APIs the page uses that TeaVM 0.16's jso-apis lack (camera, image bitmaps, drag
 * and drop, module workers, service workers), each declaring only the members the page calls.
 */
package dev.lenslet.webapp.page.browser;
