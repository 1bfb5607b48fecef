/**
 * The page's UI, compiled by TeaVM to the classic script js/page.js: model loading and status, the camera and its
 * live classification, photos dropped, picked or pasted into the gallery, and the "new version" banner. Each class
 * finds its own elements by the ids of static/index.html, which tests rely on.
 */
package dev.lenslet.webapp.page;
