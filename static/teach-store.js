// Lenslet's taught classes, kept in IndexedDB so that they survive reloads and work offline. The Teach panel
// (js/page.js) calls window.lensletTeachStore; every function returns a Promise. A write the browser refuses
// rejects with its DOMException: name 'QuotaExceededError' when the device has no room left.
//
// Database 'lenslet-teach', version 1:
//   classes   {id (auto), name}                                           listed in the order added
//   examples  {id (auto), classId, embedding: Float32Array, thumbnail: data URL}   index 'byClass' on classId
//   head      'current' -> {file: ArrayBuffer (a Lenslet head file), use: boolean (classify with it)}
// Written as plain promise chains, without async/await: the page's HtmlUnit checks parse every script it loads.
'use strict';
(function () {
  var NAME = 'lenslet-teach';
  var VERSION = 1;
  var database = null;

  // Resolves with the result of an IndexedDB request, or rejects with its error.
  function settled(request) {
    return new Promise(function (resolve, reject) {
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function open() {
    if (database === null) {
      var request = indexedDB.open(NAME, VERSION);
      request.onupgradeneeded = function () {
        var db = request.result;
        db.createObjectStore('classes', {keyPath: 'id', autoIncrement: true});
        db.createObjectStore('examples', {keyPath: 'id', autoIncrement: true}).createIndex('byClass', 'classId');
        db.createObjectStore('head');
      };
      database = settled(request);
      database.catch(function () { database = null; });
    }
    return database;
  }

  // Every call starts from a resolved promise, so that even an error thrown at once (no IndexedDB in a private
  // window, say) comes back as a rejection.
  // Runs work(...stores) in one transaction; resolves with what work's request gave once the transaction has
  // committed, so that a resolved write is stored (or rejects, with the quota error if that is what stopped it).
  function transact(names, work) {
    return Promise.resolve().then(open).then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(names, 'readwrite');
        var request = work.apply(null, names.map(function (name) { return tx.objectStore(name); }));
        var result;
        if (request) {
          request.onsuccess = function () { result = request.result; };
        }
        tx.oncomplete = function () { resolve(result); };
        tx.onerror = function () { reject(tx.error); };
        tx.onabort = function () { reject(tx.error || new DOMException('The change was not saved', 'AbortError')); };
      });
    });
  }

  window.lensletTeachStore = {
    // {classes: [{id, name, examples: [{id, classId, embedding, thumbnail}]}], head: {file, use} | null}
    load: function () {
      return Promise.resolve().then(open).then(function (db) {
        var tx = db.transaction(['classes', 'examples', 'head'], 'readonly');
        return Promise.all([settled(tx.objectStore('classes').getAll()),
          settled(tx.objectStore('examples').getAll()), settled(tx.objectStore('head').get('current'))]);
      }).then(function (stored) {
        var byId = new Map();
        stored[0].forEach(function (c) { byId.set(c.id, {id: c.id, name: c.name, examples: []}); });
        stored[1].forEach(function (example) {
          var owner = byId.get(example.classId);
          if (owner) {
            owner.examples.push(example);
          }
        });
        return {classes: Array.from(byId.values()), head: stored[2] === undefined ? null : stored[2]};
      });
    },
    addClass: function (name) {
      return transact(['classes'], function (classes) { return classes.add({name: name}); });
    },
    renameClass: function (id, name) {
      return transact(['classes'], function (classes) { return classes.put({id: id, name: name}); });
    },
    deleteClass: function (id) {
      return transact(['classes', 'examples'], function (classes, examples) {
        examples.index('byClass').openKeyCursor(IDBKeyRange.only(id)).onsuccess = function (event) {
          var cursor = event.target.result;
          if (cursor) {
            examples.delete(cursor.primaryKey);
            cursor.continue();
          }
        };
        classes.delete(id);
      });
    },
    addExample: function (classId, embedding, thumbnail) {
      return transact(['examples'], function (examples) {
        return examples.add({classId: classId, embedding: embedding, thumbnail: thumbnail});
      });
    },
    deleteExample: function (id) {
      return transact(['examples'], function (examples) { return examples.delete(id); });
    },
    saveHead: function (file, use) {
      return transact(['head'], function (head) { return head.put({file: file, use: use}, 'current'); });
    },
  };
})();
