export { useReply, type ReplyState } from '../../services/useReply'
