/*
 * Budget Explorer embed host script: fits each embedded widget's <iframe> to its content.
 *
 * Add it once to a page that embeds widgets, after or before the frames:
 *
 *   <iframe src="https://example.org/budget/#/he/embed/budget/2024/20?view=chart"
 *           title="…" width="100%" height="620" style="border:0" loading="lazy"></iframe>
 *   <script src="https://example.org/budget/embed.js" async></script>
 *
 * A widget posts {type: "budget-explorer:resize", height, id} to its parent page whenever the
 * height of its content changes, such as when its data arrives or a reader opens its data
 * table. `height` is in CSS pixels; `id` repeats the `id=` of the widget's address (or is null),
 * for pages that listen to the messages themselves. This script sets the height of the frame
 * that sent the message. Without it, a frame keeps the height of its `height` attribute and
 * scrolls when its content is taller.
 *
 * Only messages from a frame of this page, coming from that frame's own origin, are used, and
 * only heights from 1 to 20000 pixels.
 */
(function () {
  "use strict";

  var MESSAGE_TYPE = "budget-explorer:resize";
  var MAX_HEIGHT = 20000;

  // A page that includes the script twice still gets one listener.
  if (window.budgetExplorerEmbedHost) {
    return;
  }
  window.budgetExplorerEmbedHost = true;

  function frameOf(source) {
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === source) {
        return frames[i];
      }
    }
    return null;
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== MESSAGE_TYPE) {
      return;
    }
    var height = Math.ceil(Number(data.height));
    if (!(height >= 1 && height <= MAX_HEIGHT)) {
      return;
    }
    var frame = frameOf(event.source);
    if (!frame || new URL(frame.src, document.baseURI).origin !== event.origin) {
      return;
    }
    frame.style.height = height + "px";
  });
})();
