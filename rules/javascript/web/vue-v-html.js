import { createApp, h } from 'vue';
import DOMPurify from 'dompurify';

const CommentItem = {
  props: ['comment'],
  // ruleid: javascript.vue-v-html
  template: `
    <li class="comment">
      <span class="author">{{ comment.author }}</span>
      <div class="body" v-html="comment.body"></div>
    </li>`,
};

const SafeCommentItem = {
  props: ['comment'],
  computed: {
    cleanBody() {
      return DOMPurify.sanitize(this.comment.body);
    },
  },
  // ok: javascript.vue-v-html
  template: '<li><span>{{ comment.author }}</span><div>{{ comment.body }}</div></li>',
};

const Banner = {
  props: ['message'],
  render() {
    // ruleid: javascript.vue-v-html
    return h('div', { class: 'banner', innerHTML: this.message });
  },
};

const SafeBanner = {
  props: ['message'],
  render() {
    // ok: javascript.vue-v-html
    return h('div', { class: 'banner', innerHTML: DOMPurify.sanitize(this.message) });
  },
};

const LegacyNotice = {
  props: ['html'],
  render(createElement) {
    // ruleid: javascript.vue-v-html
    return createElement('p', { domProps: { innerHTML: this.html } });
  },
};

const Static = {
  // ok: javascript.vue-v-html
  render: () => h('span', { innerHTML: '&hearts;' }),
};

createApp({ components: { CommentItem, SafeCommentItem, Banner, SafeBanner, LegacyNotice, Static } }).mount('#app');
